// The one error shape of the API (API.md, "Conventions"), thrown by services and routes alike.
export interface ErrorDetail {
  field: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
}

export const invalidInput = (details: ErrorDetail[], message?: string) =>
  new HttpError(
    400,
    'invalid_input',
    message ?? `Invalid input: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`,
    details,
  );
export const unauthorized = (message = 'You need to log in first.') =>
  new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'You are not allowed to do that.') =>
  new HttpError(403, 'forbidden', message);
export const notFound = (what: string) => new HttpError(404, 'not_found', `No such ${what}.`);
export const conflict = (message: string, details?: ErrorDetail[]) =>
  new HttpError(409, 'conflict', message, details);

/** Collects field problems and throws them together, so a form shows every error at once. */
export class FieldProblems {
  private readonly list: ErrorDetail[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw invalidInput(this.list);
  }
}
