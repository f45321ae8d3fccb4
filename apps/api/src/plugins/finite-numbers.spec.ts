// Non-finite numbers are a 400 naming the field on every route, wherever a number is accepted:
// found from the OpenAPI document, so a route added later is covered without a new test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { nonFiniteNumbers } from './finite-numbers.ts';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
}
interface Operation {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content: { 'application/json'?: { schema: Schema } } };
}

const nonFinite = ['Infinity', '-Infinity', '1e309', '-1e309'];

const isNumeric = (s: Schema): boolean =>
  [s.type].flat().some((t) => t === 'integer' || t === 'number') ||
  (s.anyOf ?? []).some((branch) => isNumeric(branch));

/** Paths (as `a.0.b`) of every number inside a body schema. */
function numericPaths(schema: Schema, prefix: string[] = []): string[][] {
  if (isNumeric(schema)) return [prefix];
  const found: string[][] = [];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    found.push(...numericPaths(child, [...prefix, key]));
  }
  if (schema.items) found.push(...numericPaths(schema.items, [...prefix, '0']));
  for (const branch of schema.anyOf ?? []) found.push(...numericPaths(branch, prefix));
  return found;
}

/** `{a: [{b: value}]}` for the path a.0.b. */
function bodyWith(path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  return head === '0' ? [bodyWith(rest, value)] : { [head!]: bodyWith(rest, value) };
}

let t: TestApp;
let operations: { method: string; url: string; operation: Operation }[];

beforeAll(async () => {
  t = await createTestApp({ rateLimitAuth: 0 });
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      url: path.replace(/\{[^}]+\}/g, 'some-id'),
      operation,
    })),
  );
});
afterAll(async () => {
  await t.close();
});

describe('non-finite numbers', () => {
  it('finds them at any depth, without recursion', () => {
    expect(nonFiniteNumbers({ a: [1, { b: Infinity }], 'c/d': -Infinity, e: NaN })).toEqual([
      '/a/1/b',
      '/c~1d',
      '/e',
    ]);
    let deep: unknown = Infinity;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(nonFiniteNumbers(deep)).toHaveLength(1);
  });

  it('are a 400 naming the query parameter on every route (limit on every list included)', async () => {
    const checked: string[] = [];
    for (const { method, url, operation } of operations) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'query' || !isNumeric(parameter.schema)) continue;
        for (const value of nonFinite) {
          const res = await t.app.inject({
            method: method as 'GET',
            url: `${url}?${parameter.name}=${encodeURIComponent(value)}`,
          });
          expect(res.statusCode, `${method} ${url} ${parameter.name}=${value}: ${res.body}`).toBe(
            400,
          );
          expect(res.json().error.details).toContainEqual({
            field: parameter.name,
            message: 'must be a finite number',
          });
        }
        checked.push(`${method} ${url} ${parameter.name}`);
      }
    }
    // The lists of the issue, and the other numbers of queries, are among them.
    for (const route of [
      'GET /api/offers limit',
      'GET /api/offers sdg',
      'GET /api/institutions limit',
      'GET /api/partnerships limit',
      'GET /api/applications limit',
      'GET /api/matching-rounds limit',
      'GET /api/notifications limit',
      'GET /api/conversations/some-id/messages limit',
      'GET /api/conversations/some-id/messages afterSeq',
      'GET /api/offers/some-id/matches limit',
    ]) {
      expect(checked).toContain(route);
    }
  });

  it('are a 400 naming the field in every JSON body, sent as a string or as a JSON number', async () => {
    const checked: string[] = [];
    for (const { method, url, operation } of operations) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      for (const path of numericPaths(schema)) {
        const field = path.join('.');
        const asString = JSON.stringify(bodyWith(path, '1e309'));
        // JSON.parse reads 1e309 as Infinity.
        const asNumber = asString.replace('"1e309"', '-1e309');
        for (const payload of [asString, asNumber]) {
          const res = await t.app.inject({
            method: method as 'POST',
            url,
            headers: { 'content-type': 'application/json' },
            payload,
          });
          expect(res.statusCode, `${method} ${url} ${payload}: ${res.body}`).toBe(400);
          expect(res.json().error.details, `${method} ${url} ${payload}`).toContainEqual({
            field,
            message: 'must be a finite number',
          });
        }
        checked.push(`${method} ${url} ${field}`);
      }
    }
    for (const route of [
      'POST /api/offers classSize',
      'POST /api/offers windows.0.weekday',
      'POST /api/offers sdgs.0',
      'PUT /api/balance-goals asiaShareTarget',
      'POST /api/partnerships/some-id/complete studentsA',
    ]) {
      expect(checked).toContain(route);
    }
  });
});

describe('the NUL character', () => {
  it('is a 400 naming the path parameter on every route that has one', async () => {
    const checked: string[] = [];
    for (const { method, url, operation } of operations) {
      const names = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      if (names.length === 0) continue;
      const res = await t.app.inject({
        method: method as 'GET',
        url: url.replaceAll('some-id', 'id%00'),
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
      });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
      for (const name of names) {
        expect(res.json().error.details, `${method} ${url}`).toContainEqual({
          field: name,
          message: 'must not contain the NUL character',
        });
      }
      checked.push(`${method} ${url}`);
    }
    expect(checked).toContain('GET /api/institutions/some-id');
    expect(checked).toContain('GET /api/offers/some-id');
  });

  it('is a 400 naming the field in a query and in a JSON body', async () => {
    const query = await t.app.inject({ method: 'GET', url: '/api/offers?q=energy%00' });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.details).toContainEqual({
      field: 'q',
      message: 'must not contain the NUL character',
    });
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: {
        email: 'nul@example.org',
        password: 'a long password',
        name: 'Nul\u0000Name',
        role: 'student',
      },
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().error.details).toContainEqual({
      field: 'name',
      message: 'must not contain the NUL character',
    });
  });
});
