// `validate` of one input streams it (validate-stream.ts); what it says must be what the whole
// read says (collectInputs + loadAll): same diagnostics, byte for byte, however the bytes arrive —
// cut inside a UTF-8 character, inside `---`, between CR and LF — with a byte order mark, CR LF
// lines, Helm actions and bytes that are not UTF-8.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../bench/generate.mjs';
import { collectInputs } from './collect-inputs.ts';
import type { InputFs } from './collect-inputs.ts';
import { fileChunks, nodeFs } from './node-io.ts';
import { loadAll, runCli } from './run-cli.ts';
import { validateChunks } from './validate-stream.ts';

// Reproduce a failure with VALIDATE_STREAM_SEED=<seed printed below>.
const SEED = Number(process.env.VALIDATE_STREAM_SEED ?? Date.now() % 2 ** 31);
console.log(`validate stream property seed: ${SEED}`);

/** What the CLI said before it streamed: the file read whole, decoded, joined and read. */
async function readWhole(name: string, bytes: Uint8Array) {
  const fs: InputFs = {
    kind: async () => 'file',
    list: async () => [],
    readFile: async () => bytes,
    join: (a, b) => `${a}/${b}`,
  };
  const { inputs } = await collectInputs([name], false, fs, async () => bytes);
  return loadAll(inputs, 'diagnostics').diagnostics;
}

/** The bytes in pieces cut at `cuts`. */
function piecesOf(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    out.push(bytes.slice(from, c));
    from = c;
  }
  return out;
}

const line = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('apiVersion: v1', 'kind: Pod', 'kind: Namespace') },
  {
    weight: 3,
    arbitrary: fc.constantFrom('metadata:', '  name: wéb', '  name: d😀b', '  name: a'),
  },
  { weight: 2, arbitrary: fc.constantFrom('  labels: {a: "ü"}', '  namespace: ns-ß', 'spec: {}') },
  { weight: 2, arbitrary: fc.constantFrom('---', '--- # c', '--- junk', '# ---', '---x: 1') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('  image: {{ .Values.image }}', 'status: {phase: Running}'),
  },
  { weight: 1, arbitrary: fc.constantFrom('  name: [unclosed', '\tbad: tab', 'x: "é', '') },
);

/** Bytes of a manifest stream, sometimes with a byte order mark, CR LF or a byte not UTF-8. */
const input = fc
  .tuple(
    fc.array(line, { maxLength: 60 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
    fc.boolean(),
    fc.option(fc.tuple(fc.nat(), fc.constantFrom(0xff, 0xc3, 0x80, 0xed)), { freq: 4 }),
  )
  .map(([lines, eol, bom, finalBreak, bad]) => {
    const text = `${bom ? '\ufeff' : ''}${lines.join(eol)}${finalBreak ? eol : ''}`;
    const bytes = new TextEncoder().encode(text);
    if (!bad) return bytes;
    const out = new Uint8Array(bytes.length + 1);
    const at = bad[0] % (bytes.length + 1);
    out.set(bytes.subarray(0, at));
    out[at] = bad[1];
    out.set(bytes.subarray(at), at + 1);
    return out;
  });

describe('validate streamed', () => {
  it('says what the whole read says, however the bytes arrive', async () => {
    await fc.assert(
      fc.asyncProperty(
        input,
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.integer({ min: 1, max: 200 }),
        async (bytes, cuts, window) => {
          const whole = await readWhole('in.yaml', bytes);
          const streamed = await validateChunks('in.yaml', piecesOf(bytes, cuts), Infinity, window);
          expect(streamed).toEqual({ diagnostics: whole });
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('says what the whole read says of a generated cluster cut into small pieces', async () => {
    const text = `${generateCluster(400, { clusterPolicies: 8 })}---\napiVersion: v1\nkind: Pod\nmetadata: {name: [x\n`;
    const bytes = new TextEncoder().encode(text.replaceAll('\n', '\r\n'));
    const cuts = [...Array(200).keys()].map((k) => k * 997 + 3);
    const whole = await readWhole('c.yaml', bytes);
    expect(whole.length).toBeGreaterThan(1);
    expect(await validateChunks('c.yaml', piecesOf(bytes, cuts), Infinity, 4096)).toEqual({
      diagnostics: whole,
    });
  });

  it('refuses input over the limit, and input that cannot be read, as the whole read does', async () => {
    const bytes = new TextEncoder().encode(generateCluster(5));
    expect(await validateChunks('a.yaml', piecesOf(bytes, [10, 20]), bytes.length - 1)).toEqual({
      refusal: {
        code: 'too-large',
        message: `too large: the input reaches ${bytes.length} bytes with this file; the limit is ${bytes.length - 1}`,
        file: 'a.yaml',
      },
    });
    function* failing(): Generator<Uint8Array> {
      yield bytes.subarray(0, 10);
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    }
    expect(await validateChunks('b.yaml', failing())).toEqual({
      refusal: { code: 'unreadable', message: 'cannot be read: i/o error, read', file: 'b.yaml' },
    });
  });

  it('validates a file through runCli in pieces as the joined read of it and an empty file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netpol-canvas-stream-'));
    const file = join(dir, 'dump.yaml');
    const empty = join(dir, 'empty.yaml');
    // Large enough for many of the file reader's pieces and many windows; duplicates far apart.
    writeFileSync(file, `${generateCluster(1500)}---\n${generateCluster(3)}`);
    writeFileSync(empty, '');
    const run = async (argv: string[]) => {
      let stdout = '';
      const code = await runCli(argv, {
        stdin: async () => Buffer.from(''),
        stdout: (s) => (stdout += s),
        stderr: () => undefined,
        fs: nodeFs,
        fileChunks,
      });
      return { code, stdout };
    };
    // One file streams; the same file given with an empty one is read whole and joined.
    const streamed = await run(['validate', '--format', 'json', file]);
    const joined = await run(['validate', '--format', 'json', file, empty]);
    expect(streamed).toEqual(joined);
    const said = JSON.parse(streamed.stdout) as { diagnostics: { code: string }[] };
    expect(said.diagnostics.filter((d) => d.code === 'K9').length).toBeGreaterThan(2);
  });
});
