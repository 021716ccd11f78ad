import { describe, expect, it } from 'vitest';
import type { ChronologyEntry, Revision } from './bindings';
import { NO_FILTER, filterEntries, isFiltered } from './chronology-filter';

function entry(entryId: number, over: Partial<Revision>): ChronologyEntry {
  const current: Revision = {
    entryId, revision: 1, eventOn: '2026-11-20', eventTime: null, kind: 'home_visit', infoSource: 'Family support worker',
    summary: `Entry ${entryId}`, detail: '', actionRequired: '', amendReason: '', recordedAt: '2026-11-20T10:00:00Z',
    recordedBy: 'Priya Shah', children: [], significant: false, tags: [], ...over,
  };
  return { current, earlier: [], createdAt: current.recordedAt, createdBy: current.recordedBy };
}

const entries = [
  entry(1, { eventOn: '2026-11-25', kind: 'phone_call', children: [7], tags: ['Neglect'] }),
  entry(2, { eventOn: '2026-11-10', significant: true, children: [7, 8], tags: ['Domestic abuse', 'Neglect'] }),
  entry(3, { eventOn: '2026-10-01', children: [8] }),
];
const ids = (f: Partial<typeof NO_FILTER>) => filterEntries(entries, { ...NO_FILTER, ...f }).map((e) => e.current.entryId);

describe('the chronology filters', () => {
  it('keep every entry when none is set', () => {
    expect(ids({})).toEqual([1, 2, 3]);
    expect(isFiltered(NO_FILTER)).toBe(false);
  });

  it('each narrow the entries, and together keep what all of them keep', () => {
    expect(ids({ kind: 'home_visit' })).toEqual([2, 3]);
    expect(ids({ child: 8 })).toEqual([2, 3]);
    expect(ids({ tag: 'Neglect' })).toEqual([1, 2]);
    expect(ids({ significantOnly: true })).toEqual([2]);
    expect(ids({ from: '2026-11-10' })).toEqual([1, 2]);
    expect(ids({ to: '2026-11-10' })).toEqual([2, 3]);
    expect(ids({ child: 7, kind: 'home_visit', from: '2026-11-01', to: '2026-11-30' })).toEqual([2]);
    expect(ids({ child: 8, tag: 'Neglect', significantOnly: true })).toEqual([2]);
    expect(isFiltered({ ...NO_FILTER, to: '2026-11-10' })).toBe(true);
  });
});
