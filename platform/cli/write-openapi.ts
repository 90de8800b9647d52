// `npx tsx platform/cli/write-openapi.ts`: writes platform/openapi.json, the sync API's OpenAPI document generated
// from the contract's zod schemas. A test fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from '../http/openapi';

export const openApiFile = fileURLToPath(new URL('../openapi.json', import.meta.url));

export function openApiText(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(openApiFile, openApiText());
  console.log(`wrote ${openApiFile}`);
}
