// Whole-cluster dumps: the CLI reads past the app's 32 MiB cap, and input it does refuse is said
// so on stderr, with no result on stdout and exit 2.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../bench/generate.mjs';
import { fileChunks, nodeFs } from './node-io.ts';
import { runCli } from './run-cli.ts';

async function cli(argv: string[], maxInputBytes?: number) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdin: async () => Buffer.from(''),
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    fs: nodeFs,
    // As the binary: validate streams a file in pieces.
    fileChunks,
    ...(maxInputBytes !== undefined ? { maxInputBytes } : {}),
  });
  return { code, stdout, stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'netpol-canvas-large-'));

describe('large input', () => {
  it('analyzes a file over 32 MiB', async () => {
    const file = join(tmp(), 'dump.yaml');
    // 300 pods and their policies, then enough kubectl-style padding to pass the app's cap.
    const text = `${generateCluster(300)}${'# ----------------------------------------\n'.repeat(820_000)}`;
    expect(text.length).toBeGreaterThan(32 * 1024 * 1024);
    writeFileSync(file, text);
    const r = await cli(['analyze', '--format', 'summary', file]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ pods: 300 });
    const v = await cli(['validate', file]);
    expect(v.code).toBe(0);
    expect(v.stderr).toMatch(/^0 errors/);
  }, 60_000);

  it('refuses input over its limit: stderr says so, stdout has no result, exit 2', async () => {
    const dir = tmp();
    const small = join(dir, 'a.yaml');
    const big = join(dir, 'b.yaml');
    writeFileSync(small, generateCluster(3));
    writeFileSync(big, generateCluster(20));
    const limit = generateCluster(3).length + 100;
    for (const format of ['summary', 'table']) {
      const r = await cli(['analyze', '--format', format, small, big], limit);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/b\.yaml: error: too large: .* the limit is \d+/);
      expect(format === 'summary' ? JSON.parse(r.stdout) : r.stdout).toEqual(
        format === 'summary'
          ? { error: expect.objectContaining({ code: 'too-large', file: big }) as unknown }
          : '',
      );
    }
    const v = await cli(['validate', big], limit);
    expect(v.code).toBe(2);
    expect(v.stdout).toBe('');
    expect(v.stderr).toContain('too large');
    // Under the limit the same files are read.
    expect((await cli(['analyze', '--format', 'summary', small, big])).code).toBe(0);
  });
});
