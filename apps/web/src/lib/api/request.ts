// The one place in the web app that calls fetch: every function in $lib/api goes through
// `apiRequest`, which speaks the API's conventions (JSON, `/api/...` paths, one error shape).
import type { ErrorDetail, ErrorReply } from '@twinning/contracts/common';

/** SvelteKit's `event.fetch` (or the browser's fetch): the caller decides which. */
export type Fetch = typeof fetch;

/** One bad field of an invalid request: `{ field: 'email', message: 'is already taken' }`. */
export type ApiErrorDetail = ErrorDetail;

/** An error reply of the API (or the API being out of reach), with everything a page needs. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];
  /** Seconds from the `Retry-After` header of a 429, when the API sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details: ApiErrorDetail[] = [],
    retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The first message for each named field, e.g. `{ email: 'is already taken' }`. */
  fieldMessages(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { field, message } of this.details) {
      byField[field] ??= message;
    }
    return byField;
  }
}

/** Status and code of an `ApiError` raised when the API cannot be reached at all. */
export const API_UNREACHABLE = { status: 503, code: 'api_unreachable' } as const;

export type QueryValue = string | number | boolean | null | undefined;

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Raw bytes instead of JSON (an image upload), sent with their own Content-Type. */
  upload?: { bytes: Blob; contentType: string };
}

export interface ApiReply<T> {
  body: T;
  headers: Headers;
  status: number;
}

/** Builds `/api/...?a=1` from a path and query values, leaving out empty ones. */
export function apiPath(path: string, query: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(name, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Reads `Retry-After` as seconds (it may also be an HTTP date). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function isErrorReply(value: unknown): value is ErrorReply {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Calls the API and returns its JSON reply, or throws an `ApiError`.
 * `path` starts with `/api/`; on the server, `handleFetch` sends it to the API process.
 */
export async function apiRequest<T>(
  fetch: Fetch,
  path: string,
  options: ApiRequestOptions = {},
): Promise<ApiReply<T>> {
  const { method = 'GET', query, body, upload } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (upload) headers['content-type'] = upload.contentType;

  let response: Response;
  try {
    response = await fetch(apiPath(path, query), {
      method,
      headers,
      body: upload ? upload.bytes : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    const error = new ApiError(
      API_UNREACHABLE.status,
      API_UNREACHABLE.code,
      'The API could not be reached.',
    );
    error.cause = cause;
    throw error;
  }

  const payload = await readJson(response);
  if (!response.ok) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (isErrorReply(payload)) {
      const { code, message, details } = payload.error;
      throw new ApiError(response.status, code, message, details ?? [], retryAfter);
    }
    throw new ApiError(
      response.status,
      'http_error',
      response.statusText || `HTTP ${response.status}`,
      [],
      retryAfter,
    );
  }
  return { body: payload as T, headers: response.headers, status: response.status };
}
