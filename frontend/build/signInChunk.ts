import { basename, resolve } from 'node:path';
import type { CodeSplittingNameFunction } from 'rolldown';

/** What a chunk-naming function is told about the module graph. */
type Graph = Parameters<CodeSplittingNameFunction>[1];

/**
 * A shared chunk's name for a module: "signin" when the sign-in page uses
 * the module, `name` otherwise. The sign-in page is the first a new phone
 * opens, signed out; with this it loads the few shared parts it uses in one
 * file instead of every part the signed-in pages share (80 KB more on a slow
 * connection). Signed-in pages load the "signin" file too, one more request
 * alongside the others.
 */
export function signInApart(name: string, signInPage: string): CodeSplittingNameFunction {
  let used: Set<string> | undefined;
  return (id, graph) => {
    used ??= modulesUsedBy(resolve(signInPage), graph);
    return used.has(id) ? 'signin' : name;
  };
}

/** Libraries imported through one index that re-exports hundreds of modules. */
const BARREL_PACKAGES = ['@mantine/core', '@mantine/hooks', '@mantine/form', '@tabler/icons-react'];

/**
 * The modules a page's code reaches through its static imports. An import of
 * a library's index follows only the names imported from it (`Button` to
 * components/Button/Button.mjs, `useForm` to use-form.mjs): every module of
 * the index would be the whole library, of which the build keeps only what
 * is used.
 */
function modulesUsedBy(page: string, graph: Graph): Set<string> {
  const found = new Set<string>();
  const visit = (id: string) => {
    if (found.has(id)) return;
    const info = graph.getModuleInfo(id);
    if (!info) return;
    found.add(id);
    for (const next of info.importedIds) {
      const barrel = BARREL_PACKAGES.find((pkg) => isIndexOf(next, pkg));
      if (!barrel) {
        visit(next);
        continue;
      }
      const names = importedNames(info.code ?? '', barrel);
      for (const exported of graph.getModuleInfo(next)?.importedIds ?? []) {
        const file = basename(exported).replace(/\.m?js$/, '');
        if (names.has(kebab(file))) visit(exported);
      }
    }
  };
  visit(page);
  return found;
}

/** Whether a module id is the index a package's name resolves to (not a file inside it). */
function isIndexOf(id: string, pkg: string): boolean {
  const at = id.lastIndexOf(`/node_modules/${pkg}/`);
  return at >= 0 && /(^|\/)(index|tabler-icons-react)\.m?js$/.test(id.slice(at));
}

/** The names a module's code imports from a package: `import { A, B as C } from 'pkg'`, kebab-cased too. */
function importedNames(code: string, pkg: string): Set<string> {
  const names = new Set<string>();
  const quoted = pkg.replace(/[/@-]/g, (c) => `\\${c}`);
  for (const match of code.matchAll(new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*["']${quoted}["']`, 'g'))) {
    for (const part of match[1].split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0];
      if (name) names.add(kebab(name));
    }
  }
  return names;
}

/** `useForm` → `use-form`, `Button` → `button`: how the libraries name their files, compared without case. */
function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
