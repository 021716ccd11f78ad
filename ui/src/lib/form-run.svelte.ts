// One form's submit state: busy while Rust works, then the GOV.UK errors or nothing.
import { formErrors, noErrors, type FormErrors } from './form';

export class FormRun {
  errors: FormErrors = $state(noErrors);
  busy = $state(false);

  /** Runs the action; on failure shows its errors and resolves to undefined. */
  async run<T>(action: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    try {
      const result = await action();
      this.errors = noErrors;
      return result;
    } catch (reason) {
      this.errors = formErrors(reason);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** A problem found in the UI itself (nothing to send to Rust), shown the same way. */
  fail(field: string, message: string): void {
    this.failAll([[field, message]]);
  }

  /** Several such problems at once, in the order of the form's fields. */
  failAll(problems: [field: string, message: string][]): void {
    this.errors = {
      summary: problems.map(([field, message]) => ({ message, field })),
      byField: Object.fromEntries(problems),
    };
  }
}
