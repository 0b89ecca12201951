import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The launcher's V8 code cache (launcher.ts), through the built binary (build-cli.global-setup.ts).
const bin = join(import.meta.dirname, '../../dist-cli/netpol-canvas.mjs');
const fixture = join(import.meta.dirname, '../../fixtures/cli/three-tier.yaml');
const args = ['analyze', '--format', 'json', fixture];
/** Node 22.1+ uses its own compile cache (module.enableCompileCache), with files of its own. */
const ownCache = /^v(?:2[0-1]|22\.0)\./.test(process.version);

function run(env: Record<string, string>, argv = args) {
  const r = spawnSync(process.execPath, [bin, ...argv], {
    encoding: 'utf8',
    env: { ...process.env, NETPOL_CANVAS_NO_CACHE: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fresh = () => mkdtempSync(join(tmpdir(), 'netpol-canvas-cache-'));
const cacheFiles = (xdg: string) => {
  try {
    return readdirSync(join(xdg, 'netpol-canvas')).filter((f) => f.endsWith('.v8cache'));
  } catch {
    return [];
  }
};

describe.runIf(ownCache)('the code cache of the built binary', () => {
  const uncached = run({ NETPOL_CANVAS_NO_CACHE: '1' });

  it('is written by a first run, then used by the next without being written again', () => {
    expect(uncached.code).toBe(0);
    const xdg = fresh();
    const first = run({ XDG_CACHE_HOME: xdg });
    expect(first).toEqual(uncached);
    const files = cacheFiles(xdg);
    expect(files).toHaveLength(1);
    const file = join(xdg, 'netpol-canvas', files[0] as string);
    expect(statSync(file).size).toBeGreaterThan(10_000);
    const written = statSync(file).mtimeMs;
    // A file V8 rejected would be written again as the process exits.
    expect(run({ XDG_CACHE_HOME: xdg })).toEqual(uncached);
    expect(statSync(file).mtimeMs).toBe(written);
    expect(cacheFiles(xdg)).toEqual(files);
  });

  it('ignores a corrupt cache file, gives the same output, and replaces the file', () => {
    const xdg = fresh();
    run({ XDG_CACHE_HOME: xdg });
    const file = join(xdg, 'netpol-canvas', cacheFiles(xdg)[0] as string);
    const good = readFileSync(file);
    // A valid header over damaged bytes crashed V8's deserialiser before caches had checksums.
    const flipped = Buffer.from(good);
    for (let i = 2000; i < flipped.length; i += 997) flipped[i] = (flipped[i] as number) ^ 0x5a;
    const oneBit = Buffer.from(good);
    oneBit[oneBit.length >> 1] = (oneBit[oneBit.length >> 1] as number) ^ 1;
    const damaged = [flipped, oneBit, good.subarray(0, good.length >> 1)];
    const garbage = [Buffer.alloc(0), Buffer.from('not a code cache'), randomBytes(50_000)];
    for (const bad of [...damaged, ...garbage]) {
      writeFileSync(file, bad);
      expect(run({ XDG_CACHE_HOME: xdg })).toEqual(uncached);
      expect(readFileSync(file).equals(bad)).toBe(false);
    }
  });

  it('writes nothing when NETPOL_CANVAS_NO_CACHE is set', () => {
    const xdg = fresh();
    expect(run({ XDG_CACHE_HOME: xdg, NETPOL_CANVAS_NO_CACHE: '1' })).toEqual(uncached);
    expect(cacheFiles(xdg)).toEqual([]);
  });

  it('runs uncached, quietly, when no cache directory can be made', () => {
    // A path under a regular file can never be a directory, whoever runs the test.
    const blocker = join(fresh(), 'file');
    writeFileSync(blocker, '');
    const r = run({ XDG_CACHE_HOME: join(blocker, 'xdg'), TMPDIR: join(blocker, 'tmp') });
    expect(r).toEqual(uncached);
  });

  it('keeps one file per command, and the exit code and output of a failing run', () => {
    const xdg = fresh();
    const bad = join(import.meta.dirname, '../../fixtures/cli/bad-endport.yaml');
    const plain = run({ NETPOL_CANVAS_NO_CACHE: '1' }, ['validate', bad]);
    expect(plain.code).toBe(1);
    expect(run({ XDG_CACHE_HOME: xdg }, ['validate', bad])).toEqual(plain);
    expect(run({ XDG_CACHE_HOME: xdg }, ['validate', bad])).toEqual(plain);
    run({ XDG_CACHE_HOME: xdg });
    // Unknown commands (usage errors) and options share one file, not one per word typed.
    run({ XDG_CACHE_HOME: xdg }, ['frobnicate', fixture]);
    run({ XDG_CACHE_HOME: xdg }, ['analzye', fixture]);
    run({ XDG_CACHE_HOME: xdg }, ['--version']);
    expect(
      cacheFiles(xdg)
        .map((f) => f.split('-')[0])
        .sort(),
    ).toEqual(['analyze', 'other', 'validate']);
  });
});

function randomBytes(n: number): Buffer {
  let x = 0x9e3779b9;
  return Buffer.from(
    Array.from({ length: n }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x & 0xff;
    }),
  );
}
