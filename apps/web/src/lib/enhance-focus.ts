// After a form comes back with errors (with JavaScript), move focus to the first field in
// error, or to the form's message, so keyboard and screen-reader users land on the problem.
import type { SubmitFunction } from '@sveltejs/kit';

export const focusFirstError: SubmitFunction = () => {
  return async ({ update, result, formElement }) => {
    await update();
    if (result.type !== 'failure') return;
    const target = formElement.querySelector<HTMLElement>(
      '[data-form-error], [aria-invalid="true"]',
    );
    target?.focus();
  };
};
