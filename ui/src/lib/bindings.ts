// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test -p cp-tracker --test bindings` instead.

/**
 * Stable identifiers for every failure the UI can be told about. Add, never rename.
 */
export type ErrorCode = "invalid" | "data_folder" | "disk_full" | "read_only" | "keyring_unavailable" | "keyring_locked" | "key_missing" | "key_invalid" | "database_unreadable" | "schema_too_new" | "already_set_up" | "not_set_up" | "recovery_key_wrong" | "sign_in_refused" | "sign_in_delayed" | "not_signed_in" | "not_found" | "audit_broken" | "internal";

/**
 * A failure a lead can act on. Named `ApiError` in TypeScript, where `Error` is taken.
 */
export type ApiError = { code: ErrorCode, message: string, 
/**
 * Present only for `invalid` input, one entry per field to fix, in form order.
 */
fields?: Array<FieldError>, };

/**
 * A message that belongs beside one field of a form (GOV.UK error pattern).
 */
export type FieldError = { 
/**
 * The field's id in the form, e.g. `organisation` or `leads.0.passphrase`.
 */
field: string, message: string, };

export type AppInfo = { productName: string, version: string, 
/**
 * Shown so a lead (or whoever looks after the laptop) knows what to back up.
 */
dataDir: string, };

/**
 * A lead as the UI sees them: never the passphrase hash.
 */
export type Lead = { id: number, name: string, role: string, active: boolean, };

/**
 * Everything the UI needs to choose its screen. Case data never appears here.
 */
export type AppView = { "state": "not_set_up" } | { "state": "needs_recovery" } | { "state": "problem", error: ApiError, } | { "state": "signed_out", organisation: string, leads: Array<Lead>, } | { "state": "signed_in", organisation: string, lead: Lead, idleLockSeconds: number, idleLockMinutes: number, } | { "state": "locked", organisation: string, lead: Lead, };

/**
 * Shown once at set-up.
 */
export type RecoverySheet = { groups: Array<string>, confirmGroups: [number, number], };

export type NewLead = { name: string, role: string, passphrase: string, };

export type SetupInput = { organisation: string, leads: Array<NewLead>, };

export type BackupSummary = { path: string, bytes: number, };

export type Source = "staff_report" | "safeguarding_meeting" | "under_fives_list" | "other_agency" | "enquiry";

export type NewCase = { addressLine1: string, addressLine2: string, town: string, postcode: string, source: Source, localAuthority: string, openedOn: string, };

export type CaseSummary = { id: number, reference: string, status: string, level: string, addressLine1: string, postcode: string, openedOn: string, closedOn: string | null, };

/**
 * One level change as the case page shows it.
 */
export type LevelHistoryItem = { fromLevel: string | null, toLevel: string, evidence: string, effectiveOn: string, decidedBy: string, recordedAt: string, };

/**
 * One status change (closed, reopened, archived) with its reason and note.
 */
export type StatusHistoryItem = { toStatus: string, reason: string | null, reasonDetail: string, note: string, effectiveOn: string, lead: string | null, };

export type CasePage = { summary: CaseSummary, addressLine2: string, town: string, source: string, localAuthority: string, people: Array<PersonInCase>, levels: Array<LevelHistoryItem>, statuses: Array<StatusHistoryItem>, };

/**
 * Lowest to highest; a case may move either way.
 */
export type Level = "concern" | "early_help" | "child_in_need" | "section47_enquiry" | "child_protection_plan" | "looked_after";

export type ClosureReason = "moved_from_area" | "perpetrator_imprisoned" | "relationship_ended" | "long_period_of_improvement" | "transferred_to_another_agency" | "other";

export type LevelChange = { to: Level, evidence: string, effective: string, };

export type Closure = { reason: ClosureReason, 
/**
 * Required for "moved from the area" (e.g. the new address or authority informed) and
 * for "other" (what the reason is).
 */
reasonDetail: string, closingNote: string, closedOn: string, };

export type Role = "child" | "unborn_child" | "parent" | "carer" | "household_member" | "alleged_perpetrator";

export type NewPerson = { fullName: string, role: Role, 
/**
 * For a child, required; for an adult, optional.
 */
dateOfBirth: string | null, 
/**
 * For an unborn child, required.
 */
expectedDate: string | null, gender: string, 
/**
 * School or early-years setting, for a child.
 */
setting: string, };

export type PersonInCase = { id: number, fullName: string, role: string, dateOfBirth: string | null, expectedDate: string | null, gender: string, setting: string, };
