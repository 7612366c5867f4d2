import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { START_SCRIPT, startAfterFirstPaint } from './appAfterFirstPaint';

const built = `<html><head>
    <script type="module" crossorigin src="/assets/runtime-1.js"></script>
    <script type="module" crossorigin src="/assets/vendor-2.js"></script>
    <script type="module" crossorigin src="/assets/boot-3.js"></script>
    <link rel="preload" as="style" crossorigin href="/assets/style-4.css" data-app-style>
  </head><body><div id="root"></div></body></html>`;
const imports: Record<string, string[]> = { 'assets/boot-3.js': ['assets/runtime-1.js', 'assets/vendor-2.js'], 'assets/vendor-2.js': ['assets/runtime-1.js'] };

describe('startAfterFirstPaint', () => {
  it('holds the app’s files in a template, fetched and run only by the start script', () => {
    const out = startAfterFirstPaint(built, (file) => imports[file] ?? []);
    expect(out).not.toMatch(/<script[^>]*src=/);
    // Nothing outside the template names a script: the page fetches none before the start script adds them.
    const template = out.match(/<template id="app-code">([\s\S]*?)<\/template>/)![1]!;
    expect(out.replace(template, '')).not.toContain('.js"');
    expect(template).toContain('<link rel="modulepreload" crossorigin fetchpriority="low" href="/assets/runtime-1.js" data-app>');
    expect(template).toContain('<link rel="modulepreload" crossorigin fetchpriority="low" href="/assets/vendor-2.js" data-app>');
    // The one the others are imported by is the one the start script imports last.
    expect(template).toContain('<link rel="modulepreload" crossorigin fetchpriority="low" href="/assets/boot-3.js" data-app data-app-entry>');
    expect(out.match(/<link[^>]*data-app-entry/g)).toHaveLength(1);
    // The stylesheet is not held back: the app waits for it, and it is small.
    expect(out.replace(template, '')).toContain('href="/assets/style-4.css" data-app-style>');
    const inline = [...out.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline).toEqual([START_SCRIPT]);
    expect(out.indexOf('<script type="module">')).toBeLessThan(out.indexOf('</head>'));
  });

  it('writes the same start script in every build, so its hash names it', () => {
    const other = built.replaceAll('-3.js', '-9.js');
    const hash = (html: string) => createHash('sha256').update(html.match(/<script type="module">([\s\S]*?)<\/script>/)![1]!).digest('base64');
    expect(hash(startAfterFirstPaint(other, (file) => (file === 'assets/boot-9.js' ? imports['assets/boot-3.js']! : imports[file] ?? [])))).toBe(hash(startAfterFirstPaint(built, (file) => imports[file] ?? [])));
  });

  it('refuses a page whose entry it cannot tell, or with an inline script of its own', () => {
    expect(() => startAfterFirstPaint(built, () => [])).toThrow(/want one entry/);
    expect(() => startAfterFirstPaint(built.replace('</head>', '<script>alert(1)</script></head>'), (file) => imports[file] ?? [])).toThrow(/inline script of its own/);
  });
});
