// What just happened, said once by the app's one live region (App.svelte), and focus moved to
// what was made: a lead who cannot see the page hears the result and is where they left off.
import { tick } from 'svelte';

class Announcer {
  message = $state('');

  /** Says `text`; the same words twice in a row are still said (the region is emptied first). */
  say(text: string): void {
    this.message = '';
    queueMicrotask(() => (this.message = text));
  }
}

export const announcer = new Announcer();

/**
 * After an action: `text` in the live region, then, once the page has drawn what changed,
 * focus on the element with id `target` (the thing made, or its section's heading).
 */
export async function afterAction(text: string, target?: string): Promise<void> {
  announcer.say(text);
  if (target) await focusWhenDrawn(target);
}

/** Focus on the element with id `target` once the page has drawn what changed. */
export async function focusWhenDrawn(target: string): Promise<void> {
  await tick();
  document.getElementById(target)?.focus();
}
