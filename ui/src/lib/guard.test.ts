import { describe, expect, it, vi } from 'vitest';
import { IdleGuard, hotkey } from './guard';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('IdleGuard', () => {
  it('locks once after the idle time, not before', () => {
    const c = clock();
    const onLock = vi.fn();
    const g = new IdleGuard({ idleMs: 60_000, onLock, onActivity: () => {}, now: c.now });
    for (let i = 0; i < 59; i++) {
      c.advance(1000);
      g.tick();
    }
    expect(onLock).not.toHaveBeenCalled();
    c.advance(1000);
    g.tick();
    c.advance(1000);
    g.tick();
    expect(onLock).toHaveBeenCalledTimes(1);
  });

  it('activity postpones the lock and is reported at most every 15 s', () => {
    const c = clock();
    const onLock = vi.fn();
    const onActivity = vi.fn();
    const g = new IdleGuard({ idleMs: 10_000, onLock, onActivity, now: c.now });
    for (let i = 0; i < 30; i++) {
      c.advance(1000);
      g.activity();
      g.tick();
    }
    expect(onLock).not.toHaveBeenCalled();
    expect(onActivity).toHaveBeenCalledTimes(2);
  });

  it('locks when the ticker wakes up late, as after sleep', () => {
    const c = clock();
    const onLock = vi.fn();
    const g = new IdleGuard({ idleMs: 3_600_000, onLock, onActivity: () => {}, now: c.now });
    c.advance(45_000);
    g.tick();
    expect(onLock).toHaveBeenCalledTimes(1);
  });
});

describe('hotkey', () => {
  const key = (k: string, extra = {}) => ({ ctrlKey: true, shiftKey: true, altKey: false, metaKey: false, key: k, ...extra });
  it('knows lock and blank, with Ctrl+Shift only', () => {
    expect(hotkey(key('L'))).toBe('lock');
    expect(hotkey(key('b'))).toBe('blank');
    expect(hotkey(key('l', { shiftKey: false }))).toBeNull();
    expect(hotkey(key('l', { altKey: true }))).toBeNull();
    expect(hotkey(key('x'))).toBeNull();
  });
});
