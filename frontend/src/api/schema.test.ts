// @vitest-environment node
import { readFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

// The client is typed from src/api/schema.d.ts, which `npm run gen:api`
// generates from openapi.json. This regenerates it the same way the CLI does
// (same header, default options) and fails when the committed copy is stale.
describe('generated API types', () => {
  it('match openapi.json (run `npm run gen:api` after updating the document)', async () => {
    const document = new URL('../../openapi.json', import.meta.url);
    const expected = COMMENT_HEADER + astToString(await openapiTS(document, { silent: true }));
    const committed = readFileSync(new URL('./schema.d.ts', import.meta.url), 'utf8');
    expect(committed === expected, 'src/api/schema.d.ts is stale: run `npm run gen:api`').toBe(true);
  }, 30_000);
});
