import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The frontend's installed packages. */
const nodeModules = join(dirname(fileURLToPath(import.meta.url)), '../node_modules');

/**
 * For the swaps' tests: imports the code the build loads in place of a
 * library's file from a file written beside that one (`dir`, inside the
 * installed package `pkg`), so that its relative imports resolve as in the
 * build, and removes the file again.
 */
export async function importSwapped<T>(pkg: string, dir: string, code: string): Promise<T> {
  const file = join(nodeModules, pkg, dir, `liaison-swap-test-${process.pid}.mjs`);
  writeFileSync(file, code);
  try {
    return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as T;
  } finally {
    rmSync(file, { force: true });
  }
}
