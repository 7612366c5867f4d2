import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Emits dist/sw.js (from src/service-worker.template.js) listing every file of the
 * build, so that the app shell starts offline. Its version is a hash of the
 * files' names and the public files' contents: a new build is a new worker,
 * which replaces the old one and its cache. main.tsx registers it in
 * production builds only.
 */
export function serviceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'liaison-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((name) => !name.endsWith('.map') && name !== 'sw.js' && !name.startsWith('.'));
      const publicFiles = publicDir ? readdirSync(publicDir).filter((name) => !name.startsWith('.') && statSync(join(publicDir, name)).isFile()) : [];
      const files = [...new Set([...built, ...publicFiles])].sort();
      const hash = createHash('sha256');
      for (const name of files) hash.update(name);
      for (const name of publicFiles.sort()) hash.update(readFileSync(join(publicDir, name)));
      const indexHtml = bundle['index.html'];
      if (indexHtml && indexHtml.type === 'asset') hash.update(indexHtml.source);
      const version = hash.digest('hex').slice(0, 16);
      const template = readFileSync(new URL('./src/service-worker.template.js', import.meta.url), 'utf8');
      const source = template
        .replace('__VERSION__', JSON.stringify(version))
        .replace('__PRECACHE__', JSON.stringify(files.map((name) => `/${name}`)));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

// The Go server embeds dist/ and serves it with `script-src 'self'`, so the
// build must not emit inline scripts; Vite's output only references files.
export default defineConfig({
  plugins: [react(), serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      output: {
        // Libraries that change rarely get chunks of their own, so a new
        // release of the app does not make browsers fetch React again.
        // Mantine stays with the code that uses it: each page pulls only
        // the components it shows.
        manualChunks(id) {
          if (!id.includes('/node_modules/')) return undefined;
          if (/\/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          if (id.includes('/node_modules/react-router/')) return 'router';
          if (id.includes('/node_modules/@tanstack/query-core/') || id.includes('/node_modules/@tanstack/react-query/')) return 'query';
          if (id.includes('/node_modules/i18next/') || id.includes('/node_modules/react-i18next/')) return 'i18n';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    // Whole-page tests type into Mantine inputs; the 2-core CI machine needs headroom.
    testTimeout: 20_000,
  },
});
