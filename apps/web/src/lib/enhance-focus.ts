// After a form comes back with errors (with JavaScript), move focus to the first field in
// error, or to the form's message, so keyboard and screen-reader users land on the problem.
import type { SubmitFunction } from '@sveltejs/kit';

export const focusFirstError: SubmitFunction = () => {
  return async ({ update, result, formElement }) => {
    await update();
    if (result.type !== 'failure') return;
    const marked = formElement.querySelector<HTMLElement>(
      '[data-form-error], [aria-invalid="true"]',
    );
    // A group (radio buttons) is marked as a whole: focus its first control.
    const target = marked?.matches('fieldset')
      ? marked.querySelector<HTMLElement>('input, select, textarea')
      : marked;
    target?.focus();
  };
};
