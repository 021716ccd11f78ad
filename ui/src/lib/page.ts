import type { AppView } from './bindings';

/** The screen a signed-in lead is on. */
export type Page =
  | { kind: 'dashboard' }
  | { kind: 'cases' }
  | { kind: 'new-case' }
  | { kind: 'import' }
  | { kind: 'receive-file' }
  | { kind: 'case'; id: number }
  | { kind: 'review'; week: string | null; leadId: number | null }
  | { kind: 'enquiries' }
  | { kind: 'new-enquiry' }
  | { kind: 'allegations' }
  | { kind: 'records' }
  | { kind: 'statistics' }
  | { kind: 'settings' };

export type SignedInView = Extract<AppView, { state: 'signed_in' }>;
