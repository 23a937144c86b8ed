import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Two pages from one code base: the manager console at `/` and the installable field app at `/field/`. The
 * gateway serves `dist/` and answers deep links with the page of their tree.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    // MapLibre GL alone is about 1 MB minified; both pages need it, so it stays in the shared chunk.
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: { console: here('index.html'), field: here('field/index.html') } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/graphql': 'http://127.0.0.1:3000' } },
});
