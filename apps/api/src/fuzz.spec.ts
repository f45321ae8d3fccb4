// Fuzzing every route of the OpenAPI document (fast-check, fixed seed): requests whose path
// params, query and JSON body follow each route's schemas, mixed with hostile values — huge,
// negative and non-finite numbers, wrong types, long and odd unicode strings, nulls, arrays,
// prototype-pollution keys, broken JSON — sent as anonymous, student, lecturer, institution
// admin and secretariat. No reply may be a 5xx, carry a stack trace or SQL, or be an error
// without the API's error shape. A failure prints the seed and the request (fast-check's report).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lecturerAt, offerBody, postOffer, secretariat, signUp } from './testing/actors.ts';
import { createTestApp, TestClock, type TestApp } from './testing/test-app.ts';

// Fixed, so every run sends the same requests; FUZZ_SEED=<n> explores others (a failure prints
// its seed and request either way).
const seed = Number(process.env.FUZZ_SEED ?? 20_261_101);
const numRuns = 4_000;

interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
}
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Route {
  method: string;
  path: string;
  operation: Operation;
}

type Role = 'anonymous' | 'student' | 'lecturer' | 'institution_admin' | 'secretariat';
const roles: Role[] = ['anonymous', 'student', 'lecturer', 'institution_admin', 'secretariat'];

/** A body that is not a JSON value: sent as text as it stands. */
class RawBody {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text.length > 80 ? `${this.text.slice(0, 80)}… (${this.text.length})` : this.text;
  }
}

interface FuzzRequest {
  role: Role;
  method: string;
  url: string;
  body?: unknown;
  contentType?: string;
}

// ------------------------------------------------------------------ hostile values

/** Strings that break naive code: control and format characters, lone surrogates. */
const oddStrings = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'nul\u0000inside',
    '\uD800',
    '\uDFFF lone',
    '\u202Eevil\u202C',
    '\uFEFFbom',
    'e\u0301\u0301\u0301',
    '👩‍👩‍👧‍👦',
    '𝕏'.repeat(3000),
    'ǅ',
    'İ',
    'ß',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '" onmouseover="x',
    '%00',
    '%',
    '../../etc/passwd',
    '{{7*7}}',
    '${7*7}',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '-1e309',
    '0x10',
    '9'.repeat(400),
    '-0',
    'true',
    'null',
    '[]',
    '{}',
    '２０２６-１０-０５',
    '2026-02-30',
    '2026-13-01',
    '9999-12-31',
    '0000-01-01',
    '25:61',
    'Europe/Atlantis',
    'a@b',
    'x'.repeat(2000),
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** In bodies, also long text (a URL that long would not get past Node's header limit). */
const hostileStrings = fc.oneof(
  { arbitrary: oddStrings, weight: 9 },
  { arbitrary: fc.integer({ min: 1000, max: 100_000 }).map((n) => 'é'.repeat(n)), weight: 1 },
);

const hostileNumbers = fc.oneof(
  fc.constantFrom(
    Number.MAX_SAFE_INTEGER + 2,
    -(2 ** 53),
    2 ** 31,
    -(2 ** 31) - 1,
    1e308,
    -1e308,
    5e-324,
    -0,
    0,
    -1,
    0.5,
    1.0000000001,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Numbers as text (a query string's, or a JSON string that coercion reads as a number). */
const numericTexts = fc.constantFrom(
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  'NaN',
  '1e-400',
  '0x1F',
  '1_000',
  '+5',
  ' 7',
  '007',
  '9007199254740993',
  '-0',
  '1.5',
);

/** A JSON value of any kind, wrong for whatever the schema wants (or, by chance, right). */
const wrongTypesWith = (strings: fc.Arbitrary<string>): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constant(null),
    fc.boolean(),
    hostileNumbers,
    strings,
    fc.constant([]),
    fc.constant({}),
    fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null)), {
      maxLength: 4,
    }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.string()), {
      maxKeys: 3,
    }),
  );
const wrongTypes = wrongTypesWith(hostileStrings);

/** Hostile values for a place: bodies take long strings, URLs do not. */
interface Hostile {
  strings: fc.Arbitrary<string>;
  numbers: fc.Arbitrary<unknown>;
  wrong: fc.Arbitrary<unknown>;
}
const hostileNumbersOrText = fc.oneof(hostileNumbers, numericTexts);
const inBody: Hostile = {
  strings: hostileStrings,
  numbers: hostileNumbersOrText,
  wrong: wrongTypes,
};
const inUrl: Hostile = {
  strings: oddStrings,
  numbers: hostileNumbersOrText,
  wrong: wrongTypesWith(oddStrings),
};

/** Own properties named like Object.prototype's: JSON.stringify writes them as plain keys. */
const pollutionKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
const polluted = (value: unknown) =>
  fc.constantFrom(...pollutionKeys).map((key) => {
    const base =
      typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
    return Object.assign(
      Object.fromEntries([[key, { polluted: true, isAdmin: true, role: 'secretariat' }]]),
      base,
    );
  });

// ------------------------------------------------------------------ values that follow a schema

/** Plausible domain words, so shaped bodies sometimes pass validation and reach the services. */
const domainWords = [
  'en',
  'de',
  'ja',
  'C1',
  'B2',
  'native',
  'coil',
  'virtual_exchange',
  '0613',
  '061',
  '06',
  'bachelor',
  'master',
  'digitalisation',
  'Europe/Berlin',
  'Asia/Tokyo',
  'Asia/Kolkata',
  '2026-10-05',
  '2026-12-18',
  '2027-01-11',
  '09:00',
  '11:00',
  '16:30',
  'asia',
  'europe',
  'any',
  'DE',
  'JP',
  'VN',
  'KH',
  'university',
  'student',
  'lecturer',
  'pending',
  'accepted',
  'open',
  'country',
  'month',
  'https://www.tum.de/',
  'tum.de',
];

function resolve(schema: Schema, components: Record<string, Schema>): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').at(-1)!;
  return components[name] ?? {};
}

function shaped(
  raw: Schema,
  components: Record<string, Schema>,
  ids: fc.Arbitrary<string>,
  /** null: only values of the schema's shape. */
  hostile: Hostile | null,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = resolve(raw, components);
  const withHostile = (arbitrary: fc.Arbitrary<unknown>) =>
    fc.oneof(
      { arbitrary, weight: 5 },
      ...(hostile ? [{ arbitrary: hostile.wrong, weight: 1 }] : []),
      ...(schema.nullable ? [{ arbitrary: fc.constant(null), weight: 1 }] : []),
    );
  if (schema.const !== undefined) return withHostile(fc.constant(schema.const));
  if (schema.enum) return withHostile(fc.constantFrom(...schema.enum));
  const branches = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (branches) {
    return fc.oneof(...branches.map((b) => shaped(b, components, ids, hostile, name, depth + 1)));
  }
  const types = [schema.type ?? 'string'].flat();
  const type = types.find((t) => t !== 'null') ?? 'null';
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return withHostile(fc.boolean());
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? 100_000;
      const inRange =
        type === 'integer'
          ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
          : fc.double({ min, max, noNaN: true });
      return withHostile(
        hostile
          ? fc.oneof({ arbitrary: inRange, weight: 2 }, { arbitrary: hostile.numbers, weight: 1 })
          : inRange,
      );
    }
    case 'array': {
      const items = shaped(schema.items ?? {}, components, ids, hostile, name, depth + 1);
      return withHostile(fc.array(items, { maxLength: Math.min(schema.maxItems ?? 4, 4) }));
    }
    case 'object': {
      if (depth > 6) return fc.constant({});
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties ?? {}).map(([key, child]) => {
        const value = shaped(child, components, ids, hostile, key, depth + 1);
        return [key, required.has(key) ? value : fc.option(value, { nil: undefined })] as const;
      });
      const object = fc
        .record(Object.fromEntries(entries))
        .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
      if (!hostile) return object;
      return fc.oneof(
        { arbitrary: object, weight: 8 },
        { arbitrary: object.chain((o) => polluted(o)), weight: 1 },
        { arbitrary: hostile.wrong, weight: 1 },
      );
    }
    default: {
      const max = Math.min(schema.maxLength ?? 60, 60);
      const min = Math.min(schema.minLength ?? 0, max);
      const words = domainWords.filter((w) => w.length >= min && w.length <= max);
      const plausible = schema.pattern
        ? fc.stringMatching(new RegExp(schema.pattern))
        : schema.format === 'date'
          ? fc
              .date({
                min: new Date('2025-01-01'),
                max: new Date('2028-12-31'),
                noInvalidDate: true,
              })
              .map((d) => d.toISOString().slice(0, 10))
          : /id$/i.test(name)
            ? ids
            : /email/i.test(name)
              ? fc.oneof(
                  fc.emailAddress(),
                  fc.constantFrom('lecturer@twinning.test', 'Nobody@Example.ORG '),
                )
              : /password/i.test(name)
                ? fc.constantFrom('a long password', 'short', 'x'.repeat(300))
                : fc.oneof(
                    ...(words.length > 0 ? [fc.constantFrom(...words)] : []),
                    fc.string({ minLength: min, maxLength: max }),
                  );
      return withHostile(
        hostile
          ? fc.oneof({ arbitrary: plausible, weight: 3 }, { arbitrary: hostile.strings, weight: 1 })
          : plausible,
      );
    }
  }
}

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) goes as the bytes of its
 * WTF-8 form: a malformed UTF-8 sequence in the URL, which is hostile input too.
 */
function encode(text: string): string {
  let out = '';
  // By code point: a lone surrogate comes alone, a pair as one character.
  for (const char of text) {
    const code = char.codePointAt(0)!;
    out +=
      code >= 0xd800 && code <= 0xdfff
        ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
            .map((b) => `%${b.toString(16).toUpperCase()}`)
            .join('')
        : encodeURIComponent(char);
  }
  return out;
}

/** A query or path value as it travels in a URL. */
const urlText = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : (JSON.stringify(value) ?? 'undefined');

/**
 * A valid body for a route ("POST /api/offers"), with up to three of its fields changed to
 * something else the schema allows, to something hostile, or left out: requests that get past
 * the schema and exercise the services' own checks and writes.
 */
function changedExample(
  example: Record<string, unknown>,
  schema: Schema,
  components: Record<string, Schema>,
  ids: fc.Arbitrary<string>,
): fc.Arbitrary<unknown> {
  const properties = resolve(schema, components).properties ?? {};
  const fields = Object.keys(properties);
  const change = fc.record({
    field: fc.constantFrom(...fields),
    how: fc.constantFrom('shaped', 'hostile', 'removed'),
  });
  return fc.array(change, { minLength: 0, maxLength: 3 }).chain((changes) =>
    fc
      .tuple(
        ...changes.map(({ field, how }) =>
          how === 'removed'
            ? fc.constant(undefined)
            : shaped(properties[field]!, components, ids, how === 'hostile' ? inBody : null, field),
        ),
      )
      .map((values) => {
        const body: Record<string, unknown> = structuredClone(example);
        changes.forEach(({ field, how }, i) => {
          if (how === 'removed') delete body[field];
          else body[field] = values[i];
        });
        return body;
      }),
  );
}

function requests(
  routes: Route[],
  components: Record<string, Schema>,
  ids: fc.Arbitrary<string>,
  examples: Record<string, Example>,
): fc.Arbitrary<FuzzRequest> {
  const hostilePathValue = fc.oneof(
    { arbitrary: ids, weight: 6 },
    { arbitrary: oddStrings.filter((s) => s.length > 0), weight: 2 },
    { arbitrary: fc.constantFrom('..', '.', '%2F', '%2e%2e', ' ', '%', '%E0%A4%A'), weight: 1 },
  );

  /** Requests to one route: well-formed ones (hostile null), or with hostile values mixed in. */
  /**
   * Requests to one route: well-formed (hostile null), with hostile values mixed in anywhere, with
   * a valid body changed in a few fields (example), or well-formed but for one query parameter
   * (oneBadQuery) — one bad field in an otherwise good request is what reaches deepest.
   */
  function variant(
    { method, path, operation }: Route,
    hostile: Hostile | null,
    { example, oneBadQuery = false }: { example?: Example; oneBadQuery?: boolean } = {},
  ) {
    const parameters = operation.parameters ?? [];
    const pathParams = parameters.filter((p) => p.in === 'path');
    const queryParams = parameters.filter((p) => p.in === 'query');
    const pathValue = hostile ? hostilePathValue : ids;
    const pathArb = fc.tuple(...pathParams.map(() => pathValue)).map((values) => {
      let url = path;
      pathParams.forEach((p, i) => {
        const value = values[i]!;
        // A few raw (already-encoded or broken) values go as they are; the rest are encoded.
        const raw = /^(%|\.\.?$)/.test(value) ? value : encode(value);
        url = url.replace(`{${p.name}}`, raw);
      });
      return url;
    });
    const single = (p: Parameter) =>
      shaped(p.schema, components, ids, hostile && inUrl, p.name).map((v) => [
        [p.name, urlText(v)],
      ]);
    const queryEntry = (p: Parameter) =>
      hostile
        ? fc.oneof(
            { arbitrary: single(p), weight: 4 },
            // The same name twice (an array where one value is wanted).
            {
              arbitrary: fc.tuple(oddStrings, oddStrings).map(([a, b]) => [
                [p.name, a],
                [p.name, b],
              ]),
              weight: 1,
            },
          )
        : single(p);
    const badValue = (p: Parameter) =>
      fc
        .oneof(
          ...(p.schema.type === 'integer' || p.schema.type === 'number'
            ? [{ arbitrary: numericTexts, weight: 4 }]
            : []),
          { arbitrary: inUrl.numbers, weight: 1 },
          { arbitrary: inUrl.strings, weight: 1 },
          { arbitrary: inUrl.wrong, weight: 1 },
        )
        .map((v) => [[p.name, urlText(v)]]);
    const queryArb = fc
      .tuple(
        fc.nat({ max: Math.max(0, queryParams.length - 1) }),
        // Well-formed requests name few filters, so that some of them find something.
        fc.tuple(
          ...queryParams.map((p) =>
            fc.oneof(
              { arbitrary: fc.constant(undefined), weight: hostile ? 1 : 4 },
              { arbitrary: queryEntry(p), weight: 1 },
            ),
          ),
        ),
        fc.tuple(...queryParams.map(badValue)),
        // Parameters no route knows, prototype-pollution names among them.
        hostile
          ? fc.option(
              fc
                .tuple(fc.constantFrom(...pollutionKeys, 'limit[]', 'x', ''), oddStrings)
                .map((pair) => [pair]),
              { nil: undefined, freq: 4 },
            )
          : fc.constant(undefined),
      )
      .map(([bad, entries, badEntries, unknown]) => {
        const parts = oneBadQuery
          ? entries.map((entry, i) => (i === bad ? badEntries[i] : entry))
          : entries;
        const pairs = [...parts, unknown].filter((p) => p !== undefined).flat();
        return pairs.length === 0
          ? ''
          : `?${pairs.map(([k, v]) => `${encode(k!)}=${encode(v!)}`).join('&')}`;
      });
    const bodySchema = operation.requestBody?.content['application/json']?.schema;
    const shapedBody = (
      bodySchema && example
        ? changedExample(example.body, bodySchema, components, ids)
        : bodySchema
          ? shaped(bodySchema, components, ids, hostile)
          : fc.constant(undefined)
    ).map((body) => ({ body }));
    const bodyArb: fc.Arbitrary<{ body?: unknown; contentType?: string }> = hostile
      ? fc.oneof(
          { arbitrary: shapedBody, weight: 12 },
          { arbitrary: wrongTypes.map((body) => ({ body })), weight: 1 },
          {
            arbitrary: fc
              .constantFrom(
                '{"a":',
                '{"a":1e309}',
                '{"limit":-1e309,"studentsA":1e309}',
                '{"__proto__":{"isAdmin":true}}',
                '{"constructor":{"prototype":{"isAdmin":true}}}',
                '[1,2,3',
                'null',
                '"just a string"',
                '\uFEFF{}',
                '{"a":"\\ud800"}',
                `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
                `{"a":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`,
              )
              .map((text) => ({ body: new RawBody(text) })),
            weight: 1,
          },
          {
            arbitrary: fc
              .constantFrom(
                'text/plain',
                'application/x-www-form-urlencoded',
                'application/json; charset=utf-16',
              )
              .map((contentType) => ({ body: new RawBody('a=1'), contentType })),
            weight: 1,
          },
        )
      : shapedBody;
    // A valid body goes mostly as the role it is for.
    const role = example
      ? fc.oneof(
          { arbitrary: fc.constant(example.role), weight: 3 },
          { arbitrary: fc.constantFrom(...roles), weight: 1 },
        )
      : fc.constantFrom(...roles);
    return fc
      .record({ role, path: pathArb, query: queryArb, body: bodyArb })
      .map(({ role, path: url, query, body }): FuzzRequest => ({
        role,
        method,
        url: `${url}${query}`,
        ...(method === 'GET' || method === 'HEAD' ? {} : body),
      }));
  }

  return fc.oneof(
    ...routes.map((route) => {
      const example = examples[`${route.method} ${route.path}`];
      const hasQuery = (route.operation.parameters ?? []).some((p) => p.in === 'query');
      return fc.oneof(
        variant(route, null),
        variant(route, inBody),
        ...(example ? [variant(route, null, { example }), variant(route, null, { example })] : []),
        ...(hasQuery ? [variant(route, null, { oneBadQuery: true })] : []),
      );
    }),
  );
}

// ------------------------------------------------------------------ the run

/** What no reply may contain: a stack frame, SQL, or names of the internals. */
const leaks = [
  /\n\s+at [^\n]*:\d+:\d+/,
  /node_modules/,
  /\.ts:\d+/,
  /Sqlite(Error)?|SQLITE_/i,
  /drizzle/i,
  /\b(SELECT|INSERT INTO|DELETE FROM)\b[\s\S]{0,200}\b(FROM|VALUES|WHERE)\b/,
  /\bUPDATE\s+"?\w+"?\s+SET\b/,
];

let t: TestApp;
let cookies: Record<Role, string | undefined>;
let routes: Route[];
let components: Record<string, Schema>;
let ids: string[];
/** A valid body for a route, and the role that may send it. */
interface Example {
  role: Role;
  body: Record<string, unknown>;
}
let examples: Record<string, Example>;

beforeAll(async () => {
  // No limit on log-ins, so that shaped log-in and sign-up bodies reach the services.
  t = await createTestApp({ rateLimitAuth: 0 }, new TestClock());
  const studentEmail = 'fuzz.student@example.org';
  const student = await signUp(t, 'student', { email: studentEmail });
  const berlin = await lecturerAt(t, 'inst-tum');
  const kyoto = await lecturerAt(t, 'inst-kyoto');
  const admin = await signUp(t, 'institution_admin');
  const sec = await secretariat(t);
  const mine = await postOffer(t, berlin.cookie);
  const theirs = await postOffer(t, kyoto.cookie, {
    timeZone: 'Asia/Tokyo',
    windows: [{ weekday: 2, start: '16:00', end: '18:00' }],
  });
  const partnership = await t.app.inject({
    method: 'POST',
    url: '/api/partnerships',
    headers: { cookie: berlin.cookie },
    payload: { offerId: mine.id, partnerOfferId: theirs.id, message: 'Shall we?' },
  });
  const application = await t.app.inject({
    method: 'POST',
    url: `/api/offers/${mine.id}/applications`,
    headers: { cookie: student.cookie },
    payload: { motivation: 'I would like to take part in this exchange very much.' },
  });
  cookies = {
    anonymous: undefined,
    student: student.cookie,
    lecturer: berlin.cookie,
    institution_admin: admin.cookie,
    secretariat: sec.cookie,
  };
  ids = [
    mine.id,
    theirs.id,
    partnership.json().id,
    partnership.json().conversationId,
    application.json().id,
    kyoto.id,
    'inst-tum',
    'inst-kyoto',
    'inst-akbild',
  ].filter((id): id is string => typeof id === 'string');
  examples = {
    'POST /api/auth/signup': {
      role: 'anonymous',
      body: {
        email: 'new.person@tum.de',
        password: 'a long password',
        name: 'New Person',
        role: 'lecturer',
        institutionId: 'inst-tum',
      },
    },
    'POST /api/auth/login': {
      role: 'anonymous',
      body: { email: studentEmail, password: 'a long password' },
    },
    'POST /api/institutions': {
      role: 'institution_admin',
      body: {
        name: 'Hanoi College of Technology',
        country: 'VN',
        city: 'Hanoi',
        website: 'https://hct.edu.vn/',
        domains: ['hct.edu.vn'],
        type: 'college',
      },
    },
    'PATCH /api/institutions/{id}': {
      role: 'institution_admin',
      body: { city: 'Wien', website: 'https://www.akbild.ac.at/' },
    },
    'POST /api/offers': { role: 'lecturer', body: offerBody() },
    'PATCH /api/offers/{id}': {
      role: 'lecturer',
      body: { title: 'A new title for the offer', classSize: 25 },
    },
    'POST /api/partnerships': {
      role: 'lecturer',
      body: { offerId: mine.id, partnerOfferId: theirs.id, message: 'Hello' },
    },
    'POST /api/partnerships/{id}/complete': {
      role: 'lecturer',
      body: { studentsA: 20, studentsB: 18 },
    },
    'PUT /api/balance-goals': {
      role: 'secretariat',
      body: {
        asiaShareTarget: 0.5,
        maxCountryShare: 0.1,
        balanceWeight: 0.1,
        priorityCountries: ['KH', 'LA'],
      },
    },
    'POST /api/offers/{id}/applications': {
      role: 'student',
      body: {
        motivation: 'I study software engineering and would love to work with peers abroad.',
      },
    },
    'POST /api/conversations': { role: 'lecturer', body: { userId: kyoto.id } },
    'POST /api/offers/{id}/hide': { role: 'secretariat', body: { reason: 'Spam' } },
    'POST /api/users/{id}/suspend': { role: 'secretariat', body: { reason: 'Spam' } },
    'POST /api/moderation/accounts/find': { role: 'secretariat', body: { email: studentEmail } },
    'POST /api/notifications/read': { role: 'student', body: { ids: [] } },
  };

  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, Schema> };
  };
  components = doc.components?.schemas ?? {};
  routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operation,
    })),
  );
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('fuzzing every route from its OpenAPI schemas', () => {
  it(`${numRuns} requests (seed ${seed}): no 5xx, no stack trace or SQL, every error in the API's shape`, async () => {
    expect(routes.length).toBeGreaterThan(40);
    const seen = new Map<string, number>();
    const idArb = fc.oneof(
      { arbitrary: fc.constantFrom(...ids), weight: 3 },
      { arbitrary: fc.uuid(), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(requests(routes, components, idArb, examples), async (request) => {
        // Logging out (or suspending one of the fuzzing accounts) would end a role's session
        // for the rest of the run: those go without a session, or at other accounts.
        const loggingOut = request.url.startsWith('/api/auth/logout');
        const cookie = loggingOut ? undefined : cookies[request.role];
        if (/^\/api\/users\/[^/]+\/suspend/.test(request.url) && request.role === 'secretariat') {
          request = {
            ...request,
            url: request.url.replace(/users\/[^/]+\//, 'users/someone-else/'),
          };
        }
        const payload =
          request.body === undefined
            ? undefined
            : request.body instanceof RawBody
              ? request.body.text
              : JSON.stringify(request.body);
        const res = await t.app.inject({
          method: request.method as 'GET',
          url: request.url,
          headers: {
            ...(cookie ? { cookie } : {}),
            ...(payload !== undefined
              ? { 'content-type': request.contentType ?? 'application/json' }
              : {}),
          },
          ...(payload !== undefined ? { payload } : {}),
        });
        const where = `${request.role} ${request.method} ${request.url} ${String(payload ?? '').slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        const route = `${request.method} ${request.url.split('?')[0]}`;
        seen.set(route, (seen.get(route) ?? 0) + 1);
        if (res.statusCode >= 500) throw new Error(`5xx: ${where}`);
        for (const leak of leaks) {
          if (leak.test(res.body)) throw new Error(`leak ${leak}: ${where}`);
        }
        if (res.statusCode >= 400 && request.method !== 'HEAD') {
          const body = res.json() as { error?: { code?: unknown; message?: unknown } };
          if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') {
            throw new Error(`not the error shape: ${where}`);
          }
        }
      }),
      { seed, numRuns, endOnFailure: true },
    );
    // Every route was reached.
    const unreached = routes.filter((r) => {
      const pattern = new RegExp(`^${r.method} ${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      return ![...seen.keys()].some((key) => pattern.test(key));
    });
    expect(unreached.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  }, 180_000);
});
