// @vitest-environment node
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { floatingReference, inTransition, REFERENCE_UPDATES, rewriteReferenceUpdate } from './floatingReference';

type Load = (this: { error: (message: string) => never }, id: string) => string | null;

const resolve = createRequire(import.meta.url).resolve;
/** The files the build reads, as installed. */
const installed = [
  resolve('@floating-ui/react-dom').replace(/floating-ui\.react-dom\.[\w.]+$/, 'floating-ui.react-dom.mjs'),
  resolve('@floating-ui/react').replace(/floating-ui\.react\.[\w.]+$/, 'floating-ui.react.mjs'),
  resolve('@mantine/core').replace(/cjs[\\/]index\.cjs$/, 'esm/components/Popover/Popover.mjs'),
];

describe('floatingReference', () => {
  it('makes each installed file’s reference update a transition’s, importing React’s startTransition', () => {
    const plugin = floatingReference();
    const load = plugin.load as unknown as Load;
    const context = { error: (message: string): never => { throw new Error(message); } };
    for (const [i, file] of installed.entries()) {
      const { statement } = REFERENCE_UPDATES[i]!;
      expect(readFileSync(file, 'utf8')).toContain(statement);
      const code = load.call(context, file)!;
      expect(code, file).toContain(inTransition(statement));
      expect(code.startsWith('import { startTransition as startReferenceTransition } from "react";\n'), file).toBe(true);
      // Only the one statement changed.
      expect(code.replace(/^import[^\n]*\n/, '').replace(inTransition(statement), statement)).toBe(readFileSync(file, 'utf8'));
    }
    expect(load.call(context, '/app/node_modules/@mantine/core/esm/components/Tooltip/Tooltip.mjs')).toBeNull();
  });

  it('fails when a statement is missing or not alone, rather than build a file that still updates inside the commit', () => {
    expect(() => rewriteReferenceUpdate('const a = 1;', '_setReference(node);')).toThrow(/once/);
    expect(() => rewriteReferenceUpdate('_setReference(node); _setReference(node);', '_setReference(node);')).toThrow(/once/);
    expect(rewriteReferenceUpdate('if (x) { _setReference(node); }', '_setReference(node);')).toBe(
      'import { startTransition as startReferenceTransition } from "react";\nif (x) { startReferenceTransition(() => _setReference(node)); }',
    );
  });

  it('fails the build when a file was never loaded', () => {
    const plugin = floatingReference();
    const errors: string[] = [];
    (plugin.buildEnd as unknown as (this: { error: (m: string) => void }, e?: Error) => void).call({ error: (m) => errors.push(m) });
    expect(errors.join()).toMatch(/_setReference\(node\);, setDomReference\(node\);, setTargetNode\(node\); not rewritten/);
  });
});
