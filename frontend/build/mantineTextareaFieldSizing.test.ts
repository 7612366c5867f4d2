import { render } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { importSwapped } from './importSwapped';
import { mantineTextareaFieldSizing, rewriteAutosize } from './mantineTextareaFieldSizing';

type Load = (id: string) => string | null;
type Props = { value?: string; onChange?: () => void; minRows?: number; maxRows?: number; style?: Record<string, string> };

const AUTOSIZE = join(dirname(createRequire(import.meta.url).resolve('@mantine/core')), '../esm/components/Textarea/Autosize.mjs');
const ORIGINAL = readFileSync(AUTOSIZE, 'utf8');

let TextareaAutosize: ComponentType<Props>;

beforeAll(async () => {
  TextareaAutosize = (await importSwapped<{ TextareaAutosize: ComponentType<Props> }>('@mantine/core', 'esm/components/Textarea', rewriteAutosize(ORIGINAL))).TextareaAutosize;
});

/** A browser that does (or does not) size fields to their content. */
function browser(sizesFields: boolean) {
  vi.stubGlobal('CSS', { supports: (property: string, value: string) => sizesFields && property === 'field-sizing' && value === 'content' });
}


afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('mantineTextareaFieldSizing', () => {
  it('rewrites Mantine’s Autosize file, and leaves every other file alone', () => {
    const load = mantineTextareaFieldSizing().load as unknown as Load;
    expect(load(AUTOSIZE)).toContain('LiaisonTextareaAutosize as TextareaAutosize');
    expect(load('/app/node_modules/@mantine/core/esm/components/Textarea/Textarea.mjs')).toBeNull();
  });

  it('refuses a file whose export it does not find exactly once', () => {
    expect(() => rewriteAutosize(ORIGINAL.replace('export { TextareaAutosize };', 'export { TextareaAutosize as Autosize };'))).toThrow(/once/);
    expect(() => rewriteAutosize(ORIGINAL + '\nexport { TextareaAutosize };')).toThrow(/once/);
  });

  it('lets a browser that sizes fields size the box: its least and most heights in lines, and nothing measured', () => {
    browser(true);
    const computed = vi.spyOn(window, 'getComputedStyle');
    const markup = renderToStaticMarkup(createElement(TextareaAutosize, { value: 'two\nlines', onChange: () => {}, minRows: 2, maxRows: 8 }));
    expect(markup).toContain('field-sizing:content');
    expect(markup).toContain('height:auto');
    expect(markup).toMatch(/min-height:calc\(2lh \+ 2 \* var\(--input-padding-y, 0rem\)/);
    expect(markup).toMatch(/max-height:calc\(8lh /);
    const view = render(createElement(TextareaAutosize, { value: 'two\nlines', onChange: () => {}, minRows: 2, maxRows: 8 }));
    expect(view.container.querySelector('textarea')?.value).toBe('two\nlines');
    expect(computed).not.toHaveBeenCalled();
    view.unmount();
  });

  it('leaves a box without a most height unbounded, and one line at least', () => {
    browser(true);
    const markup = renderToStaticMarkup(createElement(TextareaAutosize, { value: '', onChange: () => {} }));
    expect(markup).toMatch(/min-height:calc\(1lh /);
    expect(markup).not.toContain('max-height');
  });

  it('measures with Mantine’s component where the browser does not size fields', () => {
    browser(false);
    const computed = vi.spyOn(window, 'getComputedStyle');
    const view = render(createElement(TextareaAutosize, { value: 'text', onChange: () => {}, minRows: 2 }));
    expect(computed).toHaveBeenCalledWith(view.container.querySelector('textarea'));
    expect(view.container.querySelector('textarea')?.getAttribute('style') ?? '').not.toContain('field-sizing');
    view.unmount();
  });
});
