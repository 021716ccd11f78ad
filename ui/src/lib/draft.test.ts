import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { Draft, flushDrafts } from './draft';

let calls: [string, unknown][] = [];
let stored: Record<string, string> = {};

beforeEach(() => {
  calls = [];
  stored = {};
  vi.useFakeTimers();
  mockIPC((cmd, args) => {
    const a = args as { key: string; body?: string };
    calls.push([cmd, a]);
    if (cmd === 'save_draft') stored[a.key] = a.body ?? '';
    if (cmd === 'discard_draft') delete stored[a.key];
    if (cmd === 'draft') return stored[a.key] ?? null;
    return null;
  });
});

afterEach(() => {
  vi.useRealTimers();
  clearMocks();
});

it('saves once, a moment after the last change', async () => {
  const d = new Draft<{ summary: string }>('case-1-entry-new');
  d.save({ summary: 'H' });
  d.save({ summary: 'Ho' });
  d.save({ summary: 'Home visit' });
  expect(calls).toEqual([]);
  await vi.runAllTimersAsync();
  expect(calls.map(([c]) => c)).toEqual(['save_draft']);
  expect(await d.load()).toEqual({ summary: 'Home visit' });
});

it('saves at once when the app is about to lock', async () => {
  const d = new Draft<{ evidence: string }>('case-1-action');
  d.save({ evidence: 'Half a sentence' });
  await flushDrafts();
  expect(stored['case-1-action']).toBe('{"evidence":"Half a sentence"}');
  await vi.runAllTimersAsync();
  expect(calls.filter(([c]) => c === 'save_draft')).toHaveLength(1);
});

it('a discarded draft does not come back from a save still waiting', async () => {
  const d = new Draft<{ note: string }>('case-2-action');
  d.save({ note: 'typed' });
  await d.discard();
  await vi.runAllTimersAsync();
  expect(stored['case-2-action']).toBeUndefined();
  expect(await d.load()).toBeNull();
});
