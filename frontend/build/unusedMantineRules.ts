import { createHash } from 'node:crypto';
import postcss from 'postcss';
import type { Plugin } from 'vite';

/** A Mantine component's class, as its stylesheet and its code both write it. */
const MANTINE_CLASS = /m_[0-9a-f]{8}/g;

/**
 * Drops the rules of the app's stylesheet that name a Mantine class no code
 * of the app uses. Mantine ships the styles of all its components in one
 * file (@mantine/core/styles.css, some 290 KB), and each component's code
 * names its classes (`m_` and eight hex digits); a component the app never
 * imports is left out of the bundle, and with it every mention of its
 * classes, so a rule naming one can match nothing. Measured on the build:
 * the stylesheet every page waits for before its first render shrinks by
 * about a quarter (272 to 209 KB, docs/PERFORMANCE.md), which a phone
 * downloads and parses the sooner. Rules naming no Mantine class (the app's own, the resets, the
 * variables) are kept whole; a rule with several selectors loses only the
 * selectors that name an unused class.
 *
 * The stylesheet's name was hashed from its input, which no longer says all
 * of what is in it (a new component used elsewhere changes the output, not
 * the input), and assets are cached for a year: it is renamed from its
 * output, and index.html renamed to match. It runs before the plugins that
 * list the built files (the service worker, the routes' preloads).
 */
export function unusedMantineRules(): Plugin {
  return {
    name: 'liaison-unused-mantine-rules',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const used = new Set<string>();
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk') for (const [name] of file.code.matchAll(MANTINE_CLASS)) used.add(name);
      }
      const stylesheets = Object.values(bundle).filter((file) => file.type === 'asset' && file.fileName.endsWith('.css'));
      for (const file of stylesheets) {
        if (file.type !== 'asset') continue;
        const source = withoutUnusedRules(String(file.source), used);
        const hash = createHash('sha256').update(source).digest('base64url').slice(0, 8);
        const renamed = file.fileName.replace(/-[\w-]{8}\.css$/, `-${hash}.css`);
        delete bundle[file.fileName];
        this.emitFile({ type: 'asset', fileName: renamed, source });
        for (const other of Object.values(bundle)) {
          if (other.type === 'asset' && typeof other.source === 'string') other.source = other.source.replaceAll(file.fileName, renamed);
        }
      }
    },
  };
}

/** The stylesheet without the rules and selectors that name a class not in used. */
export function withoutUnusedRules(css: string, used: ReadonlySet<string>): string {
  const root = postcss.parse(css);
  const namesOnlyUsed = (selector: string) => [...selector.matchAll(MANTINE_CLASS)].every(([name]) => used.has(name));
  root.walkRules((rule) => {
    // Keyframes' steps (from, to, 50%) are no selectors of elements.
    if (rule.parent?.type === 'atrule' && /keyframes$/.test((rule.parent as postcss.AtRule).name)) return;
    const kept = rule.selectors.filter(namesOnlyUsed);
    if (kept.length === 0) rule.remove();
    else if (kept.length < rule.selectors.length) rule.selectors = kept;
  });
  // A media query or layer left with nothing in it.
  root.walkAtRules((atRule) => {
    if (atRule.nodes && atRule.nodes.length === 0) atRule.remove();
  });
  return root.toString();
}
