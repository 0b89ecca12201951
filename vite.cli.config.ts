import { createHash } from 'node:crypto';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, transformWithOxc } from 'vite';
import type { Plugin } from 'vite';

const CORE = 'netpol-canvas.core.cjs';

/**
 * Emits the executable, dist-cli/netpol-canvas.mjs: src/cli/launcher.ts with its types stripped
 * and the bundle's content hash written in (it keys the launcher's V8 code cache).
 */
function launcher(): Plugin {
  return {
    name: 'netpol-canvas-launcher',
    async generateBundle(_options, bundle) {
      const core = bundle[CORE];
      if (core?.type !== 'chunk') throw new Error(`${CORE} was not built`);
      const hash = createHash('sha256').update(core.code).digest('hex');
      const file = 'src/cli/launcher.ts';
      const { code } = await transformWithOxc(readFileSync(file, 'utf8'), file, { lang: 'ts' });
      const source = code.replace('__NETPOL_CANVAS_CORE_HASH__', hash);
      if (source === code) throw new Error('launcher.ts lost its hash placeholder');
      this.emitFile({
        type: 'asset',
        fileName: 'netpol-canvas.mjs',
        source: `#!/usr/bin/env node\n${source}`,
      });
    },
    // Executable, so `npx netpol-canvas` (and a symlink on the PATH) can run it after a build.
    writeBundle(options) {
      chmodSync(join(options.dir ?? 'dist-cli', 'netpol-canvas.mjs'), 0o755);
    },
  };
}

export default defineConfig({
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      // A script, not a module: the launcher compiles it with vm.Script to use a code cache.
      // Strict, as the ES module it was: CommonJS output is sloppy unless told.
      output: { format: 'cjs', entryFileNames: CORE, banner: "'use strict';" },
    },
  },
  ssr: { noExternal: true },
  plugins: [launcher()],
});
