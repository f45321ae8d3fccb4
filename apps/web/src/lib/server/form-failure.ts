// Turns an API error met by a form action into `fail(...)` data the page can show: one
// message per field (next to the field), or one message for the whole form.
import { fail, type ActionFailure } from '@sveltejs/kit';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';

export interface FormFailure<Values> {
  values: Values;
  fieldErrors: Record<string, string>;
  formError: string | null;
}

/** The API words field problems as fragments ("must be an email address"); show a sentence. */
function asSentence(message: string): string {
  return message.charAt(0).toLocaleUpperCase() + message.slice(1);
}

/**
 * The form-level message for statuses every form treats alike (429, API down, 5xx) and for the
 * e-mail gate (a form a page showed before the address check mattered).
 */
export function formErrorMessage(error: ApiError): string {
  if (error.status === 429) {
    return error.retryAfterSeconds !== null
      ? m.form_error_too_many_retry({ seconds: error.retryAfterSeconds })
      : m.form_error_too_many();
  }
  if (error.status >= 500) return m.form_error_unavailable();
  if (error.code === 'email_unverified') return m.email_gate_refused();
  return error.message;
}

/**
 * `fail()` for an API error: 400 details naming one of `fields` go next to that field,
 * the rest becomes a form-level message. Anything that is not an `ApiError` is rethrown.
 */
export function failFromApiError<Values>(
  error: unknown,
  values: Values,
  fields: readonly string[],
  fieldErrors: Record<string, string> = {},
): ActionFailure<FormFailure<Values>> {
  if (!(error instanceof ApiError)) throw error;
  const byField: Record<string, string> = { ...fieldErrors };
  let formError: string | null = null;
  if (error.status === 400 && error.details.length > 0) {
    const unplaced: string[] = [];
    for (const [field, message] of Object.entries(error.fieldMessages())) {
      if (fields.includes(field)) byField[field] ??= asSentence(message);
      else unplaced.push(asSentence(message));
    }
    formError = unplaced.length > 0 ? unplaced.join(' ') : null;
  } else if (Object.keys(byField).length === 0) {
    formError = formErrorMessage(error);
  }
  if (formError === null && Object.keys(byField).length === 0) formError = error.message;
  const status = error.status >= 400 && error.status < 600 ? error.status : 500;
  return fail(status, { values, fieldErrors: byField, formError });
}
