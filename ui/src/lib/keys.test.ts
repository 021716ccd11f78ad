import { afterEach, expect, it } from 'vitest';
import { listKey, typingIn } from './keys';

afterEach(() => (document.body.innerHTML = ''));

function key(k: string, target: EventTarget = document.body): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key: k });
  Object.defineProperty(e, 'target', { value: target });
  return e;
}

it('knows when a key goes to something the lead is typing in', () => {
  document.body.innerHTML = '<input id="t"><input id="c" type="checkbox"><textarea id="a"></textarea><select id="s"></select><p id="p"></p>';
  const el = (id: string) => document.getElementById(id);
  expect(typingIn(el('t'))).toBe(true);
  expect(typingIn(el('a'))).toBe(true);
  expect(typingIn(el('s'))).toBe(true);
  expect(typingIn(el('c'))).toBe(false);
  expect(typingIn(el('p'))).toBe(false);
  expect(typingIn(null)).toBe(false);
});

it('moves through a list with the arrows, stops at its ends and opens with Enter', () => {
  expect(listKey(key('ArrowDown'), 0, 3, true)).toBe(1);
  expect(listKey(key('ArrowDown'), 2, 3, true)).toBe(2);
  expect(listKey(key('ArrowUp'), 0, 3, true)).toBe(0);
  expect(listKey(key('Enter'), 1, 3, true)).toBe('open');
  expect(listKey(key('Enter', document.createElement('button')), 1, 3, true)).toBeNull();
  expect(listKey(key('ArrowDown'), 0, 3, false)).toBeNull();
  expect(listKey(key('ArrowDown'), 0, 0, true)).toBeNull();
  expect(listKey(key('x'), 0, 3, true)).toBeNull();
});
