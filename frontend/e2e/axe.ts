import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The CSP hash of the injected axe script: the browser names it when it blocks the tag. */
export const axeScriptHash = `sha256-${createHash('sha256').update(axeSource).digest('base64')}`;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page and returns the serious and critical violations.
 * The app's CSP (`script-src 'self'`) refuses inline script tags, so when the
 * script tag is blocked axe is evaluated through the debugging protocol instead.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const hasAxe = () => page.evaluate(() => 'axe' in window);
  if (!(await hasAxe())) {
    await page.addScriptTag({ content: axeSource }).catch(() => undefined);
    if (!(await hasAxe())) await page.evaluate(axeSource);
  }
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Every violation, of any impact, inside the elements `selector` finds: for a
 * part of the page whose ARIA must be exactly right (minor-impact rules such
 * as aria-allowed-role included).
 */
export async function violationsWithin(page: Page, selector: string): Promise<AxeViolation[]> {
  await seriousViolations(page);
  return page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run: (ctx: object, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run({ include: [include] }, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  }, selector);
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n')}`)
    .join('\n');
}
