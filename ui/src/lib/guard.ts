// Watches for a lead's absence: locks after the idle time, and after the laptop has slept
// (Tauri cannot tell us about sleep, but a one-second ticker that wakes up late can).
// Activity is reported to Rust at most every `reportEvery` ms (15 s, or a quarter of the idle
// time when that is shorter), which postpones Rust's own idle check as well; Rust remains the
// authority on whether the app is locked, so a lead at work must be heard from well within
// its idle time.

export interface GuardOptions {
  idleMs: number;
  onLock: () => void;
  onActivity: () => void;
  now?: () => number;
  reportEvery?: number;
  sleepGapMs?: number;
}

export class IdleGuard {
  private lastActivity: number;
  private lastTick: number;
  private lastReport = 0;
  private readonly now: () => number;
  private readonly reportEvery: number;
  private readonly sleepGapMs: number;
  private locked = false;

  constructor(private readonly opts: GuardOptions) {
    this.now = opts.now ?? (() => Date.now());
    this.reportEvery = opts.reportEvery ?? Math.min(15_000, opts.idleMs / 4);
    this.sleepGapMs = opts.sleepGapMs ?? 30_000;
    this.lastActivity = this.now();
    this.lastTick = this.lastActivity;
  }

  activity(): void {
    if (this.locked) return;
    const t = this.now();
    this.lastActivity = t;
    if (t - this.lastReport >= this.reportEvery) {
      this.lastReport = t;
      this.opts.onActivity();
    }
  }

  /** Called every second. */
  tick(): void {
    if (this.locked) return;
    const t = this.now();
    const slept = t - this.lastTick > this.sleepGapMs;
    this.lastTick = t;
    if (slept || t - this.lastActivity >= this.opts.idleMs) {
      this.locked = true;
      this.opts.onLock();
    }
  }
}

export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export type Hotkey = 'lock' | 'blank' | null;

/** Ctrl+Shift+L locks; Ctrl+Shift+B blanks the window. */
export function hotkey(e: Pick<KeyboardEvent, 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey' | 'key'>): Hotkey {
  const mod = (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey;
  if (!mod) return null;
  const k = e.key.toLowerCase();
  if (k === 'l') return 'lock';
  if (k === 'b') return 'blank';
  return null;
}
