import { describe, expect, it } from 'vitest';
import {
  API_UNREACHABLE,
  ApiError,
  apiPath,
  apiRequest,
  parseRetryAfter,
  type Fetch,
} from './request';

function fakeFetch(response: () => Response) {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const fetch: Fetch = async (input, init) => {
    requests.push({ url: String(input), init });
    return response();
  };
  return { fetch, requests };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('apiPath', () => {
  it('leaves out empty query values and encodes the rest', () => {
    expect(
      apiPath('/api/institutions', { q: 'Tōkyō & co', country: '', region: undefined, limit: 5 }),
    ).toBe('/api/institutions?q=T%C5%8Dky%C5%8D+%26+co&limit=5');
    expect(apiPath('/api/me')).toBe('/api/me');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('42')).toBe(42);
    const now = Date.UTC(2030, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('Tue, 01 Jan 2030 12:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Tue, 01 Jan 2030 11:00:00 GMT', now)).toBe(0);
  });

  it('gives null for a missing or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('apiRequest', () => {
  it('sends JSON and returns the parsed reply with its headers', async () => {
    const { fetch, requests } = fakeFetch(() =>
      json(201, { user: { id: 'u1' } }, { 'set-cookie': 'twinning_session=t; Path=/' }),
    );
    const reply = await apiRequest<{ user: { id: string } }>(fetch, '/api/auth/signup', {
      method: 'POST',
      body: { email: 'a@b.org' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.user.id).toBe('u1');
    expect(reply.headers.get('set-cookie')).toContain('twinning_session=t');
    expect(requests[0]?.init?.method).toBe('POST');
    expect(requests[0]?.init?.body).toBe('{"email":"a@b.org"}');
    expect(new Headers(requests[0]?.init?.headers).get('content-type')).toBe('application/json');
  });

  it('returns an undefined body for 204', async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 204 }));
    const reply = await apiRequest<undefined>(fetch, '/api/auth/logout', { method: 'POST' });
    expect(reply.body).toBeUndefined();
  });

  it('turns the error shape into an ApiError with code, message, details and Retry-After', async () => {
    const { fetch } = fakeFetch(() =>
      json(
        400,
        {
          error: {
            code: 'invalid_input',
            message: 'Invalid input',
            details: [
              { field: 'email', message: 'Enter a valid email.' },
              { field: 'email', message: 'second message' },
              { field: 'password', message: 'Too short.' },
            ],
          },
        },
        { 'retry-after': '7' },
      ),
    );
    const error = await apiRequest(fetch, '/api/auth/signup').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('invalid_input');
    expect(apiError.message).toBe('Invalid input');
    expect(apiError.retryAfterSeconds).toBe(7);
    expect(apiError.fieldMessages()).toEqual({
      email: 'Enter a valid email.',
      password: 'Too short.',
    });
  });

  it('still gives an ApiError for a reply that is not the error shape', async () => {
    const { fetch } = fakeFetch(() => new Response('Bad Gateway', { status: 502 }));
    const error = (await apiRequest(fetch, '/api/me').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.code).toBe('http_error');
    expect(error.details).toEqual([]);
  });

  it('reports an unreachable API as a 503 ApiError', async () => {
    const fetch: Fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const error = (await apiRequest(fetch, '/api/me').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(API_UNREACHABLE.status);
    expect(error.code).toBe(API_UNREACHABLE.code);
    expect(error.cause).toBeInstanceOf(TypeError);
  });
});
