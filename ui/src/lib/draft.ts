// Drafts: what a lead is typing, saved (encrypted, in the records) a moment after each change,
// so a form survives the app locking mid-sentence. `flushDrafts` runs before the app locks.
import { api } from './api';

const DELAY_MS = 400;
const pending = new Map<string, () => Promise<void>>();

/** Saves every draft still waiting for its timer. */
export async function flushDrafts(): Promise<void> {
  await Promise.all([...pending.values()].map((flush) => flush()));
}

export class Draft<T> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: Promise<unknown> = Promise.resolve();

  constructor(readonly key: string) {}

  /** The saved draft, or null when there is none (or it cannot be read). */
  async load(): Promise<T | null> {
    try {
      const body = await api.draft(this.key);
      return body ? (JSON.parse(body) as T) : null;
    } catch {
      return null;
    }
  }

  save(value: T): void {
    clearTimeout(this.timer);
    const body = JSON.stringify(value);
    const flush = async () => {
      clearTimeout(this.timer);
      pending.delete(this.key);
      // A draft that cannot be saved (the app just locked) is not worth an error on screen.
      this.inflight = api.saveDraft(this.key, body).catch(() => undefined);
      await this.inflight;
    };
    pending.set(this.key, flush);
    this.timer = setTimeout(flush, DELAY_MS);
  }

  async discard(): Promise<void> {
    clearTimeout(this.timer);
    pending.delete(this.key);
    // A save already on its way must land first, or it would bring the draft back.
    await this.inflight;
    await api.discardDraft(this.key).catch(() => undefined);
  }
}
