// The OpenAPI 3.1 document of the sync API, generated from the contract's zod schemas (z.toJSONSchema), so the
// document cannot drift from what the platform validates. Served at /openapi.json; platform/cli/write-openapi.ts
// writes it to platform/openapi.json.
import { z } from 'zod';
import { ErrorAnswer, type Endpoint, TerminalAuthHeaders, authHeaderNames, catalogSignatureHeader, catalogVersionHeader, syncApi } from '../../contracts/sync-api';

type JsonObject = Record<string, unknown>;

/**
 * A schema as a component. z.toJSONSchema puts recursive parts under `$defs` with refs `#/$defs/…`; inside an OpenAPI
 * document `#` is the document, so those refs are rewritten to point into this component.
 */
function component(name: string, schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  delete json.$schema;
  const text = JSON.stringify(json).replaceAll('"#/$defs/', `"#/components/schemas/${name}/$defs/`);
  return JSON.parse(text) as JsonObject;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query' | 'header'): JsonObject[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

const capitalised = (s: string): string => s[0]?.toUpperCase() + s.slice(1);

const errorDescriptions: Record<number, string> = {
  400: 'Malformed request (`invalidRequest`, with `issues`)',
  401: 'Authentication failed (`missingAuth`, `unknownTerminal`, `badSignature`, `staleTimestamp` with `serverTime`, `replayedNonce`)',
  403: 'Terminal disabled, or the body names another terminal',
  404: 'Not found',
  409: 'Conflict (`idempotencyConflict`, `offsetMismatch` with `receivedBytes`, `catalogVersionConflict`)',
  413: 'Chunk runs past the declared size',
  415: 'Wrong content type',
  422: 'Attachment SHA-256 mismatch; upload again from 0',
  503: 'Storage unavailable; retry after `Retry-After`',
};

export function buildOpenApiDocument(): JsonObject {
  const schemas: Record<string, JsonObject> = { ErrorAnswer: component('ErrorAnswer', ErrorAnswer, 'output') };
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const [name, endpoint] of Object.entries(syncApi) as [string, Endpoint][]) {
    const responses: Record<string, JsonObject> = {};
    for (const [status, schema] of Object.entries(endpoint.responses)) {
      if (schema === null) {
        responses[status] = { description: 'Not modified' };
        continue;
      }
      const id = `${capitalised(name)}Answer${status === '200' ? '' : status}`;
      schemas[id] = component(id, schema, 'output');
      const headers =
        name === 'catalog'
          ? {
              ETag: { schema: { type: 'string' } },
              [catalogVersionHeader]: { schema: { type: 'string' } },
              [catalogSignatureHeader]: { description: 'ed25519:<base64url> over the exact body bytes', schema: { type: 'string' } },
            }
          : undefined;
      responses[status] = { description: 'OK', ...(headers ? { headers } : {}), content: { 'application/json': { schema: { $ref: `#/components/schemas/${id}` } } } };
    }
    for (const status of endpoint.errors) {
      responses[String(status)] = {
        description: errorDescriptions[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorAnswer' } } },
      };
    }
    let requestBody: JsonObject | undefined;
    if (endpoint.body && 'json' in endpoint.body) {
      const id = `${capitalised(name)}Request`;
      schemas[id] = component(id, endpoint.body.json, 'input');
      requestBody = { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${id}` } } } };
    } else if (endpoint.body) {
      const spec = 'binary' in endpoint.body ? endpoint.body.binary : endpoint.body.frames;
      requestBody = {
        required: true,
        content: { [spec.contentType]: { schema: { type: 'string', contentMediaType: spec.contentType, maxLength: spec.maxBytes } } },
      };
    }
    const operation: JsonObject = {
      operationId: name,
      summary: endpoint.summary,
      security: endpoint.auth === 'terminal' ? [{ terminalSignature: [] }] : endpoint.auth === 'ops' ? [{ opsToken: [] }] : [],
      parameters: [
        ...parameters(endpoint.params, 'path'),
        ...parameters(endpoint.query, 'query'),
        ...(endpoint.auth === 'terminal' ? parameters(TerminalAuthHeaders, 'header') : []),
        ...(name === 'catalog' ? [{ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }] : []),
      ],
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
    (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Government kiosk platform — sync API',
      version: '1',
      description:
        'Generated from contracts/sync-api.ts. Terminal requests are signed: HMAC-SHA256, keyed with the terminal secret ' +
        `(base64url-decoded), over "GK1-HMAC-SHA256\\nMETHOD\\npath?query\\nterminalId\\ntimestamp\\nnonce\\nsha256hex(body)", ` +
        `sent in ${Object.values(authHeaderNames).join(', ')}. Timestamps within ±5 min of the platform clock; nonces used once.`,
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas,
      securitySchemes: {
        terminalSignature: { type: 'apiKey', in: 'header', name: authHeaderNames.signature, description: 'See info.description.' },
        opsToken: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <ops token>' },
      },
    },
  };
}
