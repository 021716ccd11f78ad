// Words a lead reads for each stored value.
import type { Category, ClosureReason, DueItem, DueState, Field, IdentityCheck, EntryKind, Level, Nation, PlanKind, Period, RelationshipKind, Role, RowOutcome, RuleId, Sort, Source, StatusFilter } from './bindings';

export const LEVELS: [Level, string][] = [
  ['concern', 'Concern'],
  ['early_help', 'Early help'],
  ['child_in_need', 'Child in need (Section 17)'],
  ['section47_enquiry', 'Section 47 enquiry'],
  ['child_protection_plan', 'Child protection plan'],
  ['looked_after', 'Looked after'],
];

export const SOURCES: [Source, string][] = [
  ['staff_report', 'Reported by staff or a volunteer'],
  ['safeguarding_meeting', 'Safeguarding meeting'],
  ['under_fives_list', 'Under 5s known to Social Care list'],
  ['other_agency', 'Another agency'],
  ['enquiry', 'An enquiry'],
];

export const CLOSURE_REASONS: [ClosureReason, string][] = [
  ['moved_from_area', 'Moved from the area'],
  ['perpetrator_imprisoned', 'Perpetrator imprisoned'],
  ['relationship_ended', 'Relationship ended (domestic abuse)'],
  ['long_period_of_improvement', 'Long period of improvement'],
  ['transferred_to_another_agency', 'Transferred to another agency'],
  ['other', 'Other'],
];

export const ROLES: [Role, string][] = [
  ['child', 'Child'],
  ['unborn_child', 'Unborn child'],
  ['parent', 'Parent'],
  ['carer', 'Carer'],
  ['household_member', 'Other household member'],
  ['alleged_perpetrator', 'Alleged perpetrator'],
];

export const ENTRY_KINDS: [EntryKind, string][] = [
  ['staff_information', 'Information from staff'],
  ['safeguarding_meeting', 'Safeguarding meeting'],
  ['family_conference', 'Family conference'],
  ['referral_by_phone', 'Referral to social care by phone'],
  ['referral_in_writing', 'Referral to social care in writing'],
  ['strategy_discussion', 'Strategy discussion'],
  ['initial_conference', 'Initial child protection conference'],
  ['review_conference', 'Review child protection conference'],
  ['core_group', 'Core group'],
  ['phone_call', 'Phone call'],
  ['home_visit', 'Home visit'],
  ['email_or_letter', 'Email or letter'],
  ['enquiry', 'Enquiry'],
  ['concern_raised', 'Concern on an open case'],
  ['concern_strategy_needed', 'Concern on an open case: strategy discussion needed'],
  ['other', 'Other'],
];

export const PLAN_KINDS: [PlanKind, string][] = [
  ['child_in_need', 'Child in Need plan (Section 17)'],
  ['child_protection_plan', 'Child Protection Plan'],
];

export const CATEGORIES: [Category, string][] = [
  ['neglect', 'Neglect'],
  ['physical', 'Physical abuse'],
  ['sexual', 'Sexual abuse'],
  ['emotional', 'Emotional abuse'],
];

export const RELATIONSHIPS: [RelationshipKind, string][] = [
  ['parent_of', 'is the parent of'],
  ['step_parent_of', 'is the step-parent of'],
  ['grandparent_of', 'is the grandparent of'],
  ['sibling_of', 'is the brother or sister of'],
  ['partner_of', 'is the partner of'],
  ['ex_partner_of', 'is the former partner of'],
  ['other_relative_of', 'is another relative of'],
];

export const STATUS_FILTERS: [StatusFilter, string][] = [
  ['open', 'Live and closed'],
  ['live', 'Live'],
  ['closed', 'Closed'],
  ['archived', 'Archived'],
  ['all', 'All, including archived'],
];

export const SORTS: [Sort, string][] = [
  ['newest', 'Newest first'],
  ['oldest', 'Oldest first'],
  ['recently_changed', 'Recently changed'],
  ['highest_level', 'Highest level first'],
  ['postcode', 'Postcode'],
];

function labelOf<T extends string>(list: [T, string][], value: string | null): string {
  return list.find(([v]) => v === value)?.[1] ?? value ?? '';
}

export const entryKindLabel = (kind: string) => labelOf(ENTRY_KINDS, kind);
export const planKindLabel = (kind: string) => labelOf(PLAN_KINDS, kind);
export const relationshipLabel = (kind: string) => labelOf(RELATIONSHIPS, kind);
/** `neglect,emotional` → `Neglect, Emotional abuse`. */
export const categoriesLabel = (stored: string) =>
  stored ? stored.split(',').map((c) => labelOf(CATEGORIES, c)).join(', ') : '';

export const roleLabel = (role: string) => labelOf(ROLES, role);

const STATUS: Record<string, string> = { live: 'Live', closed: 'Closed', archived: 'Archived' };

export function levelLabel(level: string | null): string {
  return labelOf(LEVELS, level);
}

export function statusLabel(status: string): string {
  return STATUS[status] ?? status;
}

export const sourceLabel = (source: string) => labelOf(SOURCES, source);
export const reasonLabel = (reason: string | null) => labelOf(CLOSURE_REASONS, reason);

/** 2026-03-02 → 2 March 2026, the GOV.UK date style. */
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
    const day = d.fallsOn === 'bank_holiday' ? 'a bank holiday' : d.fallsOn === 'saturday' ? 'a Saturday' : 'a Sunday';
    out.push(`Falls on ${day}: plan for the working day before`);
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

/** A stored instant (RFC 3339, UTC) → "23 November 2026 at 14:05", UK time. */
// Made once: building a formatter (the time zone's rules, the locale's data) costs far more
// than using one, and a weekly checklist formats thousands of times.
const UK_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
const UK_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false });

export function ukDateTime(stamp: string): string {
  const t = new Date(stamp);
  if (Number.isNaN(t.getTime())) return stamp;
  return `${UK_DAY.format(t)} at ${UK_TIME.format(t)}`;
}

export const NATIONS: [Nation, string][] = [
  ['england_and_wales', 'England and Wales'],
  ['scotland', 'Scotland'],
  ['northern_ireland', 'Northern Ireland'],
];
export const nationLabel = (n: string) => labelOf(NATIONS, n);

export const RULES: [RuleId, string][] = [
  ['written_confirmation', 'Phone referral → written confirmation'],
  ['strategy_discussion', 'Referral → strategy discussion'],
  ['initial_conference', 'Strategy discussion → initial child protection conference'],
  ['first_core_group', 'Initial conference → first core group'],
  ['first_review_conference', 'Initial conference → first review conference'],
  ['next_review_conference', 'Review conference → next review conference'],
  ['archive_after_closure', 'Closure → archive'],
];

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

const DUE: Record<DueState, string> = { overdue: 'Overdue', due_soon: 'Due soon', due: 'Due' };
export const dueLabel = (s: DueState) => DUE[s];

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

export const IDENTITY_CHECKS: [IdentityCheck, string][] = [
  ['call_back_switchboard', 'I called them back through their organisation’s switchboard'],
  ['known_contact', 'They are a contact I know'],
  ['secure_email', 'They wrote from a secure email address'],
  ['other', 'Another way'],
  ['anonymous', 'They would not say who they are (anonymous)'],
];
export const identityLabel = (c: string) =>
  labelOf<IdentityCheck>(
    [
      ['call_back_switchboard', 'called back through the switchboard'],
      ['known_contact', 'known contact'],
      ['secure_email', 'secure email'],
      ['other', 'other'],
      ['anonymous', 'anonymous'],
    ],
    c,
  );

/** The Under 5s list's fields, in the order the mapping offers them (as the core labels them). */
export const IMPORT_FIELDS: [Field, string][] = [
  ['fullName', "Child's full name"],
  ['firstName', "Child's first name"],
  ['surname', "Child's surname"],
  ['dateOfBirth', 'Date of birth'],
  ['gender', 'Gender'],
  ['addressLine1', 'Address line 1'],
  ['addressLine2', 'Address line 2'],
  ['town', 'Town or city'],
  ['postcode', 'Postcode'],
  ['socialCareStatus', 'Social care status'],
  ['localAuthority', 'Local authority'],
  ['socialWorker', 'Social worker'],
];

export const ROW_OUTCOMES: [RowOutcome, string][] = [
  ['new_case', 'Opens a new case'],
  ['joins_new_case', 'Joins the new case of its family'],
  ['adds_to_case', "Added to the family's live case"],
  ['already_recorded', 'Already recorded: nothing written'],
  ['same_as_row', 'The same child as an earlier row: nothing written'],
  ['family_case_not_live', "Family's case is closed or archived: nothing written"],
  ['rejected', 'Rejected'],
];
export const rowOutcomeLabel = (o: string) => labelOf(ROW_OUTCOMES, o);
