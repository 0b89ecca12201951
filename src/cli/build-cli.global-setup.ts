// Vitest global setup: builds dist-cli once when it is missing or older than the sources, so the
// spawn tests run the real bundled binary.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'dist-cli', 'netpol-canvas.mjs');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name))
      newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const sources = ['src/cli', 'src/yaml', 'src/model', 'src/engine'].map((d) => join(root, d));
  const newest = Math.max(...sources.filter(existsSync).map(newestSource));
  if (existsSync(bin) && statSync(bin).mtimeMs >= newest) return;
  execFileSync('npx', ['vite', 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}
