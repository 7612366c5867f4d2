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

/** Loads a base catalogue and its area files and merges them into one. */
export async function loadCatalogue(base: Promise<{ default: unknown }>, areas: Record<string, () => Promise<Tree>>): Promise<Tree> {
  const [first, ...rest] = await Promise.all([base.then((m) => m.default as Tree), ...Object.keys(areas).sort().map((path) => areas[path]!())]);
  return rest.reduce(mergeCatalogues, first!);
}
