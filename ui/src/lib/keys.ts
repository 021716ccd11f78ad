// Keyboard helpers for lists: single-letter shortcuts must never fire while the lead types.

/** True when the key went to a text box, a list box or anything editable. */
export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * Arrow keys move the highlighted row of a list of `count` rows; Enter opens it. Returns the
 * new row, 'open', or null when the key is not the list's. `enabled` is false while focus is in
 * a field whose own arrow keys matter.
 */
export function listKey(e: KeyboardEvent, active: number, count: number, enabled: boolean): number | 'open' | null {
  if (!enabled || count === 0) return null;
  if (e.key === 'ArrowDown') return Math.min(active + 1, count - 1);
  if (e.key === 'ArrowUp') return Math.max(active - 1, 0);
  if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) return 'open';
  return null;
}
