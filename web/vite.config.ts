/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The server (C++; see ../README.md) serves dist/ and answers /api and /healthz.
// During `npm run dev` Vite proxies those paths to a locally running server.
const apiTarget = process.env.THROUGHLINE_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  // Vite's built-in esbuild JSX transform (no React plugin needed).
  esbuild: { jsx: 'automatic' },
  base: '/',
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Never inline assets as data: URLs or inline scripts: the server's CSP forbids them.
    assetsInlineLimit: 0,
    rollupOptions: {
      onwarn(warning, warn) {
        // react-router ships "use client" directives, meaningless in an SPA bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // Typing-heavy page tests take seconds on a loaded two-core machine.
    testTimeout: 20000,
    unstubGlobals: true,
  },
});
