import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('runs as an executable through its shebang, as npx and a symlink on the PATH run it', () => {
    const r = spawnSync(bin, ['analyze', '--format', 'summary', fixture('three-tier.yaml')], {
      encoding: 'utf8',
    });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
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

  it('stops quietly and at once when the reader closes the pipe', () => {
    // 1,000 pods without policies: a million flows with explanations, far more than head reads.
    const pods = Array.from(
      { length: 1000 },
      (_, i) =>
        `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: x\n    ports:\n    - containerPort: 80\n`,
    );
    const file = join(mkdtempSync(join(tmpdir(), 'netpol-canvas-')), 'many.yaml');
    writeFileSync(file, pods.join(''));
    const started = Date.now();
    const r = spawnSync(
      'sh',
      [
        '-c',
        `"$0" "$1" analyze --format json --by pod --explain "$2" | head -c 64`,
        process.execPath,
        bin,
        file,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\{"flows":\[/);
    expect(r.stderr).toBe('');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('prints help to stdout and a short usage to stderr', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit status');
    const bad = run(['frobnicate', fixture('three-tier.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('unknown command "frobnicate"');
  });
});
