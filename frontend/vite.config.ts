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
