// A form's fields as one object, kept as a draft while the lead types (see draft.ts). Create it
// while a component initialises: it starts an effect that saves each change.
import { Draft } from './draft';

export class DraftForm<T extends object> {
  values: T = $state() as T;
  /** True once any saved draft has been read back. */
  ready = $state(false);
  /** True when the form was filled from a draft saved before (the app locked or closed). */
  restored = $state(false);
  private readonly initial: string;
  private readonly draft: Draft<T>;

  constructor(key: string, initial: T) {
    this.values = initial;
    this.initial = JSON.stringify(initial);
    this.draft = new Draft<T>(key);
    this.draft.load().then((saved) => {
      if (saved) {
        this.values = { ...initial, ...saved };
        this.restored = true;
      }
      this.ready = true;
    });
    $effect(() => {
      const body = JSON.stringify(this.values);
      if (this.ready && body !== this.initial) this.draft.save(JSON.parse(body) as T);
    });
  }

  get dirty(): boolean {
    return JSON.stringify(this.values) !== this.initial;
  }

  /** After saving or cancelling: the draft is gone and the fields are back to the start. */
  async reset(): Promise<void> {
    this.values = JSON.parse(this.initial) as T;
    this.restored = false;
    await this.draft.discard();
  }
}

/** Whether a draft is waiting under `key`, so a section can reopen its form after a lock. */
export async function hasDraft(key: string): Promise<boolean> {
  return (await new Draft(key).load()) !== null;
}
