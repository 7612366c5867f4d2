/** A translation catalogue: nested keys ending in strings. */
export type Tree = { [key: string]: string | Tree };

/**
 * Merges b into a key by key (b wins on a clash of strings), so that areas
 * of the app can keep their text in files of their own.
 */
export function mergeCatalogues(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    out[key] = typeof value !== 'string' && mine !== undefined && typeof mine !== 'string' ? mergeCatalogues(mine, value) : value;
  }
  return out;
}

/** Merges a base catalogue and its area files (by path, in a stable order) into one. */
export function joinCatalogue(base: unknown, areas: Record<string, Tree>): Tree {
  return Object.keys(areas)
    .sort()
    .reduce((tree, path) => mergeCatalogues(tree, areas[path]!), base as Tree);
}

/** The text at a dotted key ("review.title") of a catalogue, if there is text there. */
export function textAt(tree: Tree, key: string): string | undefined {
  const found = key.split('.').reduce<Tree | string | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);
  return typeof found === 'string' ? found : undefined;
}
