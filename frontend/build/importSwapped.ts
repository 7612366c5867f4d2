import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * For the swaps' tests: imports the code the build loads in place of a
 * library's file from a file written beside that one (`dir`), so that its
 * relative imports resolve as in the build, and removes the file again.
 */
export async function importSwapped<T>(dir: string, code: string): Promise<T> {
  const file = join(dir, `liaison-swap-test-${process.pid}.mjs`);
  writeFileSync(file, code);
  try {
    return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as T;
  } finally {
    rmSync(file, { force: true });
  }
}
