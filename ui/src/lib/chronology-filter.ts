// Which of a case's chronology entries a lead's filters show. Every entry of a case is already
// on the page, so filtering is done here, at once, as the lead changes a filter.
import type { ChronologyEntry } from './bindings';

export interface ChronologyFilter {
  /** An entry kind, or '' for every kind. */
  kind: string;
  /** A child's person id, or null for every child. */
  child: number | null;
  /** A tag, or '' for any. */
  tag: string;
  significantOnly: boolean;
  /** ISO dates (inclusive), or null for no bound. */
  from: string | null;
  to: string | null;
}

export const NO_FILTER: ChronologyFilter = { kind: '', child: null, tag: '', significantOnly: false, from: null, to: null };

export function isFiltered(f: ChronologyFilter): boolean {
  return f.kind !== '' || f.child !== null || f.tag !== '' || f.significantOnly || f.from !== null || f.to !== null;
}

/** The entries the filter keeps, in their order. An entry is judged by its current version. */
export function filterEntries(entries: ChronologyEntry[], f: ChronologyFilter): ChronologyEntry[] {
  return entries.filter(({ current: e }) =>
    (f.kind === '' || e.kind === f.kind) &&
    (f.child === null || e.children.includes(f.child)) &&
    (f.tag === '' || e.tags.includes(f.tag)) &&
    (!f.significantOnly || e.significant) &&
    (f.from === null || e.eventOn >= f.from) &&
    (f.to === null || e.eventOn <= f.to));
}
