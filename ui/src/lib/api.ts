// The UI's only door to Rust. Every command goes through `call`, so every failure reaches a
// screen as an `ApiFailure` with the `{code, message}` the core chose.
import { invoke } from '@tauri-apps/api/core';
import type { ApiError, AppInfo, ErrorCode } from './bindings';

export class ApiFailure extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiFailure';
    this.code = code;
  }
}

const CODES: ReadonlySet<string> = new Set<ErrorCode>(['invalid', 'data_folder', 'internal']);

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && CODES.has(v.code) && typeof v.message === 'string';
}

/** Turns whatever `invoke` rejected with into an `ApiFailure` a screen can show. */
export function toApiFailure(reason: unknown): ApiFailure {
  if (reason instanceof ApiFailure) return reason;
  if (isApiError(reason)) return new ApiFailure(reason.code, reason.message);
  // Tauri itself rejects with a bare string (unknown command, refused permission): that is a
  // bug in the app, not something the lead did.
  return new ApiFailure(
    'internal',
    'CP Tracker could not complete that request. Close and reopen the app; if it happens again, report it.',
  );
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiFailure(reason);
  }
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
};
