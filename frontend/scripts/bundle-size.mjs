// Reports the JavaScript a first visit downloads before anything else: the
// entry script and every module it preloads, as listed in dist/index.html,
// each gzipped at level 9 (what a compressing server or proxy sends).
// It also checks that no route's preloads (dist/.route-preloads.json, which
// the server adds to index.html for the route) name a file index.html loads
// already: such a list would repeat the whole app at low priority.
// Usage: node scripts/bundle-size.mjs [--verbose] [--max-kb 200]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [
  ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
].map((m) => m[1]);

let total = 0;
const rows = [];
for (const file of new Set(files)) {
  const bytes = readFileSync(join(dist, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  rows.push([file, bytes.length, gz]);
}
rows.sort((a, b) => b[2] - a[2]);
if (process.argv.includes('--verbose')) for (const [file, raw, gz] of rows) console.log(`${(gz / 1024).toFixed(1).padStart(7)} kB gz  ${(raw / 1024).toFixed(1).padStart(7)} kB  ${file}`);
console.log(`initial JS: ${(total / 1024).toFixed(1)} kB gzip in ${rows.length} files (${(total / 1000).toFixed(1)} kB decimal)`);

const maxIndex = process.argv.indexOf('--max-kb');
if (maxIndex > 0) {
  const max = Number(process.argv[maxIndex + 1]);
  if (total / 1024 > max) {
    console.error(`initial JS is over the budget of ${max} kB gzip`);
    process.exit(1);
  }
}

const preloadsFile = join(dist, '.route-preloads.json');
if (existsSync(preloadsFile)) {
  const { routes } = JSON.parse(readFileSync(preloadsFile, 'utf8'));
  const initial = new Set(files.map((file) => `/${file}`));
  const repeated = routes.flatMap((route) => route.scripts.filter((script) => initial.has(script)).map((script) => `${route.path}: ${script}`));
  if (repeated.length > 0) {
    console.error(`route preloads name files index.html loads already:\n${repeated.join('\n')}`);
    process.exit(1);
  }
}
