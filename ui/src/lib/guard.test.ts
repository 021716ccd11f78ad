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
    const g = new IdleGuard({ idleMs: 300_000, onLock, onActivity, now: c.now });
    for (let i = 0; i < 30; i++) {
      c.advance(1000);
      g.activity();
      g.tick();
    }
    expect(onLock).not.toHaveBeenCalled();
    expect(onActivity).toHaveBeenCalledTimes(2);
  });

  // Rust locks on its own clock: with a 10 s idle lock, reports 15 s apart let it lock a lead
  // who was working the whole time (an end-to-end test with a 4 s lock failed so under load).
  it('reports activity within a quarter of a short idle time', () => {
    const c = clock();
    const onActivity = vi.fn();
    const g = new IdleGuard({ idleMs: 10_000, onLock: () => {}, onActivity, now: c.now });
    const reportedAt: number[] = [];
    onActivity.mockImplementation(() => reportedAt.push(c.now()));
    for (let i = 0; i < 30; i++) {
      c.advance(1000);
      g.activity();
    }
    const gaps = reportedAt.slice(1).map((t, i) => t - reportedAt[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(3_000);
    expect(onActivity).toHaveBeenCalledTimes(10);
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
