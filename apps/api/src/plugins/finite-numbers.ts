// Every number a request carries is finite, and no text carries the NUL character. Ajv's type
// coercion (query strings, path params, and JSON strings where a number is expected) turns
// "Infinity", "1e309" and "-1e309" into ±Infinity without a type error, and `minimum`/`maximum`
// skip non-finite values, so an infinite `limit` used to pass validation and reach SQL. NUL
// (`%00` in a URL, `\u0000` in JSON) is valid JSON and valid SQLite text, but PostgreSQL's text
// cannot hold it: an id with it failed the query (500) on PostgreSQL and found nothing on SQLite.
// This Ajv plugin makes every validator Fastify compiles also refuse both anywhere in the
// validated (coerced) data, as a validation error naming the field: one place for every route,
// present and future, and the same answer on both dialects.

/** What this plugin needs of Ajv (not a dependency of its own: Fastify brings it). */
interface AjvIssue {
  instancePath: string;
  keyword: string;
}
interface ValidateFunction {
  (data: unknown, context?: Context): boolean;
  errors?: AjvIssue[] | null;
  schema?: unknown;
  schemaEnv?: unknown;
}
interface Ajv {
  compile(schema: unknown, meta?: boolean): ValidateFunction;
  getSchema(ref: string): ValidateFunction | undefined;
}
type Context = { parentData?: unknown; parentDataProperty?: string | number };

/** An Ajv-shaped issue, so the error handler names the field like any other. */
interface FiniteIssue {
  instancePath: string;
  schemaPath: string;
  keyword: 'finite' | 'noNul';
  params: Record<string, never>;
  message: string;
}

const pointerEscape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Paths (JSON pointers) of the non-finite numbers in a value; iterative, so depth is no risk. */
export function nonFiniteNumbers(root: unknown): string[] {
  return unstorable(root).infinite;
}

/** Paths of the non-finite numbers and of the strings with NUL (keys too) in a value. */
function unstorable(root: unknown): { infinite: string[]; nul: string[] } {
  const infinite: string[] = [];
  const nul: string[] = [];
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) infinite.push(path);
    } else if (typeof value === 'string') {
      if (value.includes('\u0000')) nul.push(path);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}/${i}`]);
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const at = `${path}/${pointerEscape(key)}`;
        if (key.includes('\u0000')) nul.push(at);
        stack.push([(value as Record<string, unknown>)[key], at]);
      }
    }
  }
  return { infinite, nul };
}

const messages = {
  finite: 'must be a finite number',
  noNul: 'must not contain the NUL character',
} as const;

function issueAt(instancePath: string, keyword: keyof typeof messages = 'finite'): FiniteIssue {
  return {
    instancePath,
    schemaPath: `#/${keyword}`,
    keyword,
    params: {},
    message: messages[keyword],
  };
}

/**
 * One wrapper per validator: Ajv answers a schema it compiled before with the same function,
 * and so does this plugin, so validators shared between apps (plugins/schema-compilers.ts) stay
 * the same objects.
 */
const wrappers = new WeakMap<ValidateFunction, ValidateFunction>();

/** The validator, and then the finiteness of what it accepted (coercion included). */
function finiteOnly(validate: ValidateFunction): ValidateFunction {
  const known = wrappers.get(validate);
  if (known) return known;
  const wrapped = function (data: unknown, context?: Context): boolean {
    const valid = validate(data, context);
    // Coercion of the root replaces it in its parent (Fastify passes the request as parent).
    const checked =
      context?.parentData && context.parentDataProperty !== undefined
        ? (context.parentData as Record<string | number, unknown>)[context.parentDataProperty]
        : data;
    const { infinite, nul } = unstorable(checked);
    // A non-finite number that came as such (1e309 in JSON) fails Ajv's type check first: "must
    // be integer" would puzzle whoever sent it, so the finite issue replaces that one.
    const issues: AjvIssue[] = (validate.errors ?? []).filter(
      (e) => !(e.keyword === 'type' && infinite.includes(e.instancePath)),
    );
    for (const path of infinite) issues.push(issueAt(path));
    for (const path of nul) issues.push(issueAt(path, 'noNul'));
    wrapped.errors = issues.length > 0 ? issues : null;
    return valid && infinite.length === 0 && nul.length === 0;
  } as ValidateFunction;
  // Fastify passes the parent (so coercion can replace a root value) only to Ajv validators.
  Object.assign(wrapped, { schema: validate.schema, schemaEnv: validate.schemaEnv });
  wrappers.set(validate, wrapped);
  return wrapped;
}

/** Ajv plugin (Fastify's `ajv.plugins`): every compiled validator refuses non-finite numbers. */
export function finiteNumbers<A>(instance: A): A {
  const ajv = instance as unknown as Ajv;
  const compile = ajv.compile.bind(ajv);
  ajv.compile = (schema, meta) => finiteOnly(compile(schema, meta));
  const getSchema = ajv.getSchema.bind(ajv);
  ajv.getSchema = (ref) => {
    const validate = getSchema(ref);
    return validate ? finiteOnly(validate) : undefined;
  };
  return instance;
}
