// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test -p cp-tracker --test bindings` instead.

/**
 * Stable identifiers for every failure the UI can be told about. Add, never rename.
 */
export type ErrorCode = "invalid" | "data_folder" | "internal";

/**
 * A failure a lead can act on. Named `ApiError` in TypeScript, where `Error` is taken.
 */
export type ApiError = { code: ErrorCode, message: string, };

export type AppInfo = { productName: string, version: string, 
/**
 * Shown so a lead (or whoever looks after the laptop) knows what to back up.
 */
dataDir: string, };
