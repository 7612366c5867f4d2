import type { Plugin } from 'vite';
import { swapModule } from './swapModule.ts';

/** Where @mantine/hooks keeps its useId, as the bundler names the file. */
const USE_ID_FILE = /[\\/]@mantine[\\/]hooks[\\/]esm[\\/]use-id[\\/]use-id\.mjs$/;

/**
 * useId for the build, in place of @mantine/hooks' own: the id React gives
 * the component (or the one passed in), written the way Mantine writes it.
 *
 * Why: Mantine's useId starts with React's id and then, in a layout effect
 * of every component that uses it, replaces it with a random one. That
 * effect's update is drawn at once, inside the commit that mounted the
 * component: every input, picker and the app's frame (AppShell) drew
 * itself a second time in the same task as the page's first commit (on the
 * commitments list, a picker in each row and a dozen in the filters: a
 * synchronous re-render of about 140 ms at a phone's 4x CPU, the longest
 * task of the page's start). React's own ids are unique within the app and
 * stable from the first render; no server renders the page, so there is
 * nothing to hydrate that the random id would protect.
 */
export const USE_ID = `import { useId as useReactId } from "react";
function useId(staticId) {
  const reactId = useReactId();
  return typeof staticId === "string" ? staticId : \`mantine-\${reactId.replace(/:/g, "")}\`;
}
export { useId };
`;

/** The build's step that swaps the file for USE_ID; it fails the build if the file is gone (a new Mantine moved it). */
export function mantineUseId(): Plugin {
  return swapModule('mantine-use-id', USE_ID_FILE, USE_ID, 'build/mantineUseId.ts');
}
