import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Built by build-cli.global-setup.ts before the tests run.
const bin = join(import.meta.dirname, '../../dist-cli/netpol-canvas.mjs');
const fixture = (name: string) => join(import.meta.dirname, '../../fixtures/cli', name);

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built netpol-canvas binary', () => {
  it('analyzes standard input', () => {
    const r = run(
      ['analyze', '--format', 'summary', '-'],
      spawnSync('cat', [fixture('three-tier.yaml')]).stdout,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ pods: 3, flows: 6, allowed: 2 });
  });

  it('exits 1 on invalid input and 2 on a usage error', () => {
    expect(run(['validate', fixture('bad-endport.yaml')]).code).toBe(1);
    const usage = run(['analyze', '--format', 'yaml', fixture('three-tier.yaml')]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage:');
  });

  it('never prints a stack trace for binary garbage', () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    for (const cmd of ['validate', 'analyze']) {
      const r = run([cmd, '-'], garbage);
      expect(r.code).toBe(1);
      expect(r.stderr + r.stdout).not.toMatch(/\n\s+at \S+ \(/);
    }
  });
});
