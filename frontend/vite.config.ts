import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The Go server embeds dist/ and serves it with `script-src 'self'`, so the
// build must not emit inline scripts; Vite's output only references files.
export default defineConfig({
  plugins: [react()],
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
