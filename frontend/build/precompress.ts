import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The built files worth compressing: text, by their extension. */
const TEXT = /\.(js|mjs|css|svg|json|html|webmanifest|txt)$/;

/** Below this many bytes a compressed copy saves less than a packet. */
const MIN_BYTES = 1024;

/**
 * Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside
 * every text file of dist/assets once the build is written. The Go server
 * (api/spa.go) answers with the copy the browser accepts, so no request
 * pays for compression and each file gets the best level there is. A copy
 * that would not be smaller is not written. The copies are not in the
 * service worker's list: it fetches the plain names, which the server
 * answers compressed.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'liaison-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    writeBundle() {
      const assets = join(outDir, 'assets');
      for (const name of readdirSync(assets)) {
        const file = join(assets, name);
        if (!TEXT.test(name) || !statSync(file).isFile()) continue;
        const raw = readFileSync(file);
        if (raw.length < MIN_BYTES) continue;
        const br = brotliCompressSync(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        });
        const gz = gzipSync(raw, { level: 9 });
        if (br.length < raw.length) writeFileSync(`${file}.br`, br);
        if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}
