// Route schemas are compiled once per process, not once per app. Fastify's own compilers start
// afresh for every instance, and compiling every route's validators (Ajv) and serialisers
// (fast-json-stringify) was most of what building an app cost: ~0.5 s, paid again by every
// test that builds one. The schemas are the same objects from app to app (packages/contracts),
// so what was compiled for one serves the next.
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;
type BuildSerializer = NonNullable<CompilersFactory['buildSerializer']>;
type Serializer = (data: unknown) => string;

type BuildValidator = NonNullable<CompilersFactory['buildValidator']>;

/**
 * One Ajv per set of shared schemas and options, for every app of the process; Ajv keeps what
 * it compiled by schema object, so a route schema seen before is not compiled again.
 */
const validatorPool = AjvCompiler() as unknown as BuildValidator;
const validators = new WeakSet<object>();
let validatorsCompiled = 0;

const buildValidator: BuildValidator = (externalSchemas, options) => {
  const compile = validatorPool(externalSchemas, options);
  return (route) => {
    const validator = compile(route);
    if (!validators.has(validator)) {
      validators.add(validator);
      validatorsCompiled++;
    }
    return validator;
  };
};

const selectSerializer = SerializerSelector();
/** Serialisers by response schema, then by the shared schemas and options they were built with. */
const serializers = new WeakMap<object, Map<string, Serializer>>();
let serializersCompiled = 0;

const buildSerializer: BuildSerializer = (externalSchemas, options) => {
  const compile = selectSerializer(externalSchemas as never, options as never) as (route: {
    schema: object;
  }) => Serializer;
  const key = JSON.stringify([externalSchemas, options]);
  return (route) => {
    const schema = (route as { schema: object }).schema;
    let byKey = serializers.get(schema);
    if (!byKey) {
      byKey = new Map();
      serializers.set(schema, byKey);
    }
    let serializer = byKey.get(key);
    if (!serializer) {
      serializer = compile(route as { schema: object });
      serializersCompiled++;
      byKey.set(key, serializer);
    }
    return serializer;
  };
};

/** `schemaController.compilersFactory` for every app of this process. */
export const sharedSchemaCompilers: CompilersFactory = { buildValidator, buildSerializer };

/** How many validators and serialisers this process has compiled (apps share them). */
export function compiledSchemaCounts(): { validators: number; serializers: number } {
  return { validators: validatorsCompiled, serializers: serializersCompiled };
}
