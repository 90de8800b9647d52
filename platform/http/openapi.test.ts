// The OpenAPI document: generated from the contract, every endpoint in it, every reference resolving, and the
// committed platform/openapi.json up to date.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { syncApi } from '../../contracts/sync-api';
import { openApiFile, openApiText } from '../cli/write-openapi';
import { buildOpenApiDocument } from './openapi';

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') found.push(v);
      else refs(v, found);
    }
  }
  return found;
}

function resolve(doc: unknown, pointer: string): unknown {
  return pointer
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), doc);
}

it('describes every endpoint of the contract with its method, request body and answers', () => {
  const doc = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> };
  expect(doc.openapi).toBe('3.1.0');
  for (const [name, endpoint] of Object.entries(syncApi)) {
    const operation = doc.paths[endpoint.path]?.[endpoint.method.toLowerCase()];
    expect(operation?.operationId).toBe(name);
    for (const status of [...Object.keys(endpoint.responses), ...endpoint.errors.map(String)]) expect(operation?.responses).toHaveProperty(status);
  }
  expect(resolve(doc, '#/components/schemas/SubmitTransactionRequest/properties/transactionId')).toMatchObject({ type: 'string' });
});

it('has only references that resolve inside the document', () => {
  const doc = buildOpenApiDocument();
  const all = refs(doc);
  expect(all.length).toBeGreaterThan(10);
  for (const ref of new Set(all)) {
    expect(ref.startsWith('#/'), ref).toBe(true);
    expect(resolve(doc, ref), ref).toBeDefined();
  }
});

it('is committed up to date in platform/openapi.json (regenerate: npx tsx platform/cli/write-openapi.ts)', () => {
  expect(readFileSync(openApiFile, 'utf8')).toBe(openApiText());
});
