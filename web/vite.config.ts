// Builds the single-page application into dist/, which `binome serve --web web/dist` serves.
// In development, `npm run dev` proxies the API to a running server (BINOME_URL, default :8080).
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

declare const process: { env: Record<string, string | undefined> };
const api = process.env.BINOME_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [preact({ prerender: { enabled: false } })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: { '/api': api, '/healthz': api },
  },
});
