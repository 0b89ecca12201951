import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      output: { entryFileNames: 'netpol-canvas.mjs', banner: '#!/usr/bin/env node' },
    },
  },
  ssr: { noExternal: true },
});
