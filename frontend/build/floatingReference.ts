import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * The statements that keep the element a floating element (a tooltip, a
 * menu, a picker's list) is placed against as state of the component: in
 * Floating UI's React bindings (the element to place against and to listen
 * on) and in Mantine's Popover (the element a click outside is measured
 * from).
 */
export const REFERENCE_UPDATES = [
  { file: /[\\/]@floating-ui[\\/]react-dom[\\/]dist[\\/]floating-ui\.react-dom\.mjs$/, statement: '_setReference(node);' },
  { file: /[\\/]@floating-ui[\\/]react[\\/]dist[\\/]floating-ui\.react\.mjs$/, statement: 'setDomReference(node);' },
  { file: /[\\/]@mantine[\\/]core[\\/]esm[\\/]components[\\/]Popover[\\/]Popover\.mjs$/, statement: 'setTargetNode(node);' },
] as const;

/** The name the rewritten file imports React's startTransition under (a name none of the files uses). */
const START = 'startReferenceTransition';

/** The statement, made a transition's update. */
export const inTransition = (statement: string) => `${START}(() => ${statement.replace(/;$/, '')});`;

/**
 * Makes `statement` (one of REFERENCE_UPDATES) a transition's update.
 *
 * Why: each is made by a callback ref, which React calls inside the commit
 * that mounts the element, and an update made there is drawn at once, in
 * the same task, after every pending effect of that commit. Every tooltip
 * and menu of a page makes them as the page is mounted (on the commitments
 * list at a phone's size: the header's menus, the export's, and a tooltip
 * on each commitment's disabled controls), which made the page's first
 * commit one long task. As a transition's update it is drawn in a later
 * task, in slices, like the page itself. Nothing waits for it: a closed
 * tooltip or menu needs the element only once it opens, long after; the
 * libraries place the floating element from the element they keep in a ref,
 * set at once as before; and the floating element's own update (made when
 * it opens) is left as it was, so an opened menu is placed in the commit
 * that draws it.
 */
export function rewriteReferenceUpdate(code: string, statement: string): string {
  const at = code.indexOf(statement);
  if (at < 0 || code.indexOf(statement, at + 1) >= 0) throw new Error(`floating-reference: want "${statement}" once in the file`);
  if (code.includes(START)) throw new Error(`floating-reference: the file already names ${START}`);
  return `import { startTransition as ${START} } from "react";\n` + code.slice(0, at) + inTransition(statement) + code.slice(at + statement.length);
}

/** The build's step that rewrites the files; it fails the build if a statement or a file is not found (a new Floating UI or Mantine changed it). */
export function floatingReference(): Plugin {
  const rewritten = new Set<string>();
  return {
    name: 'liaison-floating-reference',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      const update = REFERENCE_UPDATES.find(({ file }) => file.test(id));
      if (!update) return null;
      rewritten.add(update.statement);
      try {
        return rewriteReferenceUpdate(readFileSync(id, 'utf8'), update.statement);
      } catch (error) {
        this.error(`${(error as Error).message}: ${id}; see build/floatingReference.ts`);
      }
    },
    buildEnd(error) {
      const missing = REFERENCE_UPDATES.filter(({ statement }) => !rewritten.has(statement));
      if (!error && missing.length) this.error(`floating-reference: ${missing.map(({ statement }) => statement).join(', ')} not rewritten: a file was not in the build; see build/floatingReference.ts`);
    },
  };
}
