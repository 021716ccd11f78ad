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
