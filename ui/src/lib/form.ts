// GOV.UK form pattern helpers: one summary at the top, the same message beside each field.
import { ApiFailure, toApiFailure } from './api';
import type { SummaryItem } from '../components/ErrorSummary.svelte';

export interface FormErrors {
  summary: SummaryItem[];
  byField: Record<string, string>;
}

export const noErrors: FormErrors = { summary: [], byField: {} };

export function formErrors(reason: unknown): FormErrors {
  const failure: ApiFailure = toApiFailure(reason);
  if (failure.fields.length === 0) {
    return { summary: [{ message: failure.message }], byField: {} };
  }
  const byField: Record<string, string> = {};
  for (const f of failure.fields) byField[f.field] ??= f.message;
  return { summary: failure.fields.map((f) => ({ message: f.message, field: f.field })), byField };
}
