// One error handler for the API: the shape of API.md for every 4xx, a plain 500 with no internals.
import type { FastifyError, FastifyInstance } from 'fastify';
import { HttpError, type ErrorDetail } from '../errors.ts';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function fieldOf(issue: AjvIssue): string {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (issue.keyword === 'required') {
    const missing = String(issue.params.missingProperty ?? '');
    return path ? `${path}.${missing}` : missing;
  }
  if (issue.keyword === 'additionalProperties') {
    const extra = String(issue.params.additionalProperty ?? '');
    return path ? `${path}.${extra}` : extra;
  }
  return path || '(body)';
}

function messageOf(issue: AjvIssue): string {
  switch (issue.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'enum':
      return `must be one of: ${(issue.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return issue.message ?? 'is invalid';
  }
}

export function validationDetails(issues: AjvIssue[]): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  // A union of literals fails once per literal ("must be equal to constant"): one message
  // naming every allowed value instead.
  const constants = new Map<string, unknown[]>();
  for (const issue of issues) {
    if (issue.keyword !== 'const') continue;
    const field = fieldOf(issue);
    constants.set(field, [...(constants.get(field) ?? []), issue.params.allowedValue]);
  }
  for (const issue of issues) {
    // anyOf/oneOf repeat each branch's complaint; the branch messages say it better.
    if (issue.keyword === 'anyOf' || issue.keyword === 'oneOf') continue;
    if (issue.keyword === 'const') {
      const field = fieldOf(issue);
      const allowed = constants.get(field)!;
      const message =
        allowed.length === 1
          ? `must be ${String(allowed[0])}`
          : `must be one of: ${allowed.map(String).join(', ')}`;
      if (!seen.has(`${field}\u0000${message}`)) {
        seen.add(`${field}\u0000${message}`);
        details.push({ field, message });
      }
      continue;
    }
    const detail = { field: fieldOf(issue), message: messageOf(issue) };
    const key = `${detail.field}\u0000${detail.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      details.push(detail);
    }
  }
  return details;
}

const codeByStatus: Record<number, string> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        },
      });
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const details = validationDetails(fastifyError.validation as AjvIssue[]);
      const where = fastifyError.validationContext ?? 'body';
      return reply.status(400).send({
        error: {
          code: 'invalid_input',
          message: `Invalid ${where}: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`,
          details,
        },
      });
    }
    const status = fastifyError.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const message =
        status === 413
          ? 'The request body is too large.'
          : status === 429
            ? fastifyError.message || 'Too many requests. Try again later.'
            : fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
              ? 'Send JSON with Content-Type: application/json.'
              : fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
                ? 'The JSON body is empty.'
                : status === 400 && fastifyError.message.includes('JSON')
                  ? 'The body is not valid JSON.'
                  : fastifyError.message;
      return reply.status(status).send({
        error: { code: codeByStatus[status] ?? 'bad_request', message },
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'internal', message: 'Internal Server Error' },
    });
  });
}
