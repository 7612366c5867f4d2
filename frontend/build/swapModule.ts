import type { Plugin } from 'vite';

/**
 * A build step that loads `code` in place of the library file `file` names,
 * and fails the build when no such file was part of it (a new version of the
 * library moved it, and the build would silently ship the original again).
 * `name` names the step in errors; `home` is the file that says why.
 */
export function swapModule(name: string, file: RegExp, code: string, home: string): Plugin {
  let swapped = false;
  return {
    name: `liaison-${name}`,
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (!file.test(id)) return null;
      swapped = true;
      return code;
    },
    buildEnd(error) {
      if (!error && !swapped) this.error(`${name}: ${file.source} was not in the build; see ${home}`);
    },
  };
}
