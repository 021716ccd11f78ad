// Words a lead reads for each stored value.
import type { ClosureReason, Level, Role, Source } from './bindings';

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

export function roleLabel(role: string): string {
  return ROLES.find(([r]) => r === role)?.[1] ?? role;
}

const STATUS: Record<string, string> = { live: 'Live', closed: 'Closed', archived: 'Archived' };

export function levelLabel(level: string | null): string {
  return LEVELS.find(([l]) => l === level)?.[1] ?? level ?? '';
}

export function statusLabel(status: string): string {
  return STATUS[status] ?? status;
}

export function sourceLabel(source: string): string {
  return SOURCES.find(([s]) => s === source)?.[1] ?? source;
}

export function reasonLabel(reason: string | null): string {
  return CLOSURE_REASONS.find(([r]) => r === reason)?.[1] ?? reason ?? '';
}

/** 2026-03-02 → 2 March 2026, the GOV.UK date style. */
export function ukDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return y && m && d ? `${d} ${months[m - 1]} ${y}` : iso;
}

/** Day, month and year fields → `YYYY-MM-DD`, or null when they do not make a real date. */
export function isoDate(day: string, month: string, year: string): string | null {
  const [d, m, y] = [day, month, year].map((s) => Number(s.trim()));
  if (![d, m, y].every(Number.isInteger) || year.trim().length !== 4) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
