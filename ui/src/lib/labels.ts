// Words a lead reads for each stored value, and dates as GOV.UK writes them. The lists of
// values and their words are the core's (`words.ts`, generated), which the reports print too.
import type { DueItem, DueState, Period } from './bindings';
import {
  CATEGORIES, CLOSURE_REASONS, DUE_STATES, ENTRY_KINDS, IDENTITY_CHECKS, LEVELS, NATIONS, NON_WORKING_DAYS,
  PLAN_KINDS, RELATIONSHIPS, ROLES, ROW_OUTCOMES, SOURCES, STATUSES,
} from './words';

export {
  CATEGORIES, CLOSURE_REASONS, ENTRY_KINDS, IDENTITY_ANSWERS, IMPORT_FIELDS, LEVELS, NATIONS, PLAN_KINDS,
  RELATIONSHIPS, ROLES, RULES, SORTS, SOURCES, STATUS_FILTERS,
} from './words';

export function labelOf<T extends string>(list: [T, string][], value: string | null): string {
  return list.find(([v]) => v === value)?.[1] ?? value ?? '';
}

export const entryKindLabel = (kind: string) => labelOf(ENTRY_KINDS, kind);
export const planKindLabel = (kind: string) => labelOf(PLAN_KINDS, kind);
export const relationshipLabel = (kind: string) => labelOf(RELATIONSHIPS, kind);
/** `neglect,emotional` (or the list) → `Neglect, Emotional abuse`. */
export const categoriesLabel = (categories: string | readonly string[]) =>
  (typeof categories === 'string' ? categories.split(',').filter(Boolean) : categories)
    .map((c) => labelOf(CATEGORIES, c))
    .join(', ');

export const roleLabel = (role: string) => labelOf(ROLES, role);

export function levelLabel(level: string | null): string {
  return labelOf(LEVELS, level);
}

export function statusLabel(status: string): string {
  return labelOf(STATUSES, status);
}

export const sourceLabel = (source: string) => labelOf(SOURCES, source);
export const reasonLabel = (reason: string | null) => labelOf(CLOSURE_REASONS, reason);

/** 1628 → 1,628. */
export const wholeNumber = (n: number) => n.toLocaleString('en-GB');

/** 2026-03-02 → 2 March 2026, the GOV.UK date style. */
/** An ISO date as 12/02/2026: for a dense table's column. */
export function shortDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return y && m && d ? `${d}/${m}/${y}` : iso;
}

export function ukDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return y && m && d ? `${d} ${months[m - 1]} ${y}` : iso;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** 2027-10-02 → Saturday 2 October 2027: a due date always shows its weekday. */
export function ukWeekdayDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return `${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${ukDate(iso)}`;
}

/** A due date as every screen shows it: its weekday, and its time when counted in hours. */
export function dueWhen(d: DueItem): string {
  return `${ukWeekdayDate(d.dueOn)}${d.dueTime ? ` at ${d.dueTime}` : ''}`;
}

/** What the lead must know about a due date beyond the date itself, if anything. */
export function dueWarnings(d: DueItem): string[] {
  const out: string[] = [];
  if (d.fallsOn) {
    out.push(`Falls on ${labelOf(NON_WORKING_DAYS, d.fallsOn)}: plan for the working day before`);
  }
  if (d.calendarEnds !== null) {
    out.push(`Bank holidays after ${d.calendarEnds} are not known yet: working days after it were counted without them`);
  }
  return out;
}

/** Day, month and year fields → `YYYY-MM-DD`, or null when they do not make a real date. */
export function isoDate(day: string, month: string, year: string): string | null {
  const [d, m, y] = [day, month, year].map((s) => Number(s.trim()));
  if (![d, m, y].every(Number.isInteger) || year.trim().length !== 4) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** An optional date as a form sends it: null when its boxes are empty, `'not-a-date'` when
 * they are filled in and make no date. The core then names it beside the form's other
 * problems in one round (a date the form needs is sent as `isoDate`'s null). */
export function optionalDate(day: string, month: string, year: string): string | null {
  if (!day.trim() && !month.trim() && !year.trim()) return null;
  return isoDate(day, month, year) ?? 'not-a-date';
}

/** An ISO date → the day, month and year boxes of a GOV.UK date input. */
export function dateParts(iso: string | null | undefined): { day: string; month: string; year: string } {
  const [y, m, d] = (iso ?? '').slice(0, 10).split('-');
  return y && m && d ? { day: String(Number(d)), month: String(Number(m)), year: y } : { day: '', month: '', year: '' };
}

/** Today as an ISO date, in the computer's own time zone. */
export function todayIso(): string {
  const t = new Date();
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}

// Made once, on first use: building a formatter (the time zone's rules, the locale's data)
// costs far more than using one, and a weekly checklist formats thousands of times; a screen
// that shows no time (signing in) never loads that data into the page.
let ukFormats: { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat } | null = null;

/** A stored instant (RFC 3339, UTC) → "23 November 2026 at 14:05", UK time. */
export function ukDateTime(stamp: string): string {
  const t = new Date(stamp);
  if (Number.isNaN(t.getTime())) return stamp;
  ukFormats ??= {
    day: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' }),
    time: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false }),
  };
  return `${ukFormats.day.format(t)} at ${ukFormats.time.format(t)}`;
}

export const nationLabel = (n: string) => labelOf(NATIONS, n);

export const PERIOD_UNITS: [Period['unit'], string][] = [
  ['hours', 'hours'],
  ['days', 'days'],
  ['working_days', 'working days'],
  ['months', 'months'],
];

export function periodLabel(p: Period): string {
  const unit = labelOf(PERIOD_UNITS, p.unit);
  return `${p.amount} ${p.amount === 1 ? unit.replace(/s$/, '') : unit}`;
}

export const dueLabel = (s: DueState) => labelOf(DUE_STATES, s);

/** `2026-W48` → `week 48`. */
export const weekLabel = (week: string) => `week ${Number(week.split('-W')[1])}`;

/** Monday and Sunday → `23 to 29 November 2026`. */
export function weekSpan(monday: string, sunday: string): string {
  const [a, b] = [ukDate(monday), ukDate(sunday)];
  const [ad, am, ay] = a.split(' ');
  const [, bm, by] = b.split(' ');
  if (ay !== by) return `${a} to ${b}`;
  return am === bm ? `${ad} to ${b}` : `${ad} ${am} to ${b}`;
}

export const identityLabel = (c: string) => labelOf(IDENTITY_CHECKS, c);

export const rowOutcomeLabel = (o: string) => labelOf(ROW_OUTCOMES, o);
