import { describe, expect, it } from 'vitest';
import {
  assertedPairs,
  clusterManifests,
  loadConformanceCases,
} from '../../fixtures/conformance-cases.ts';
import { nodeFs } from './node-io.ts';
import { runCli } from './run-cli.ts';

const cases = loadConformanceCases();

async function analyzeJson(text: string, args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['analyze', ...args, '--format', 'json', '-'], {
    stdin: async () => Buffer.from(text),
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    fs: nodeFs,
  });
  return {
    code,
    err,
    flows: (JSON.parse(out) as { flows: { from: string; to: string; allowed: boolean }[] }).flows,
  };
}

describe('conformance cases through the CLI', () => {
  it('has all 69 upstream cases', () => {
    expect(cases).toHaveLength(69);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const text = `${clusterManifests(c)}${c.policies}`;
    for (const e of c.expectations) {
      const port = e.probe.portName ?? String(e.probe.port);
      const { code, err, flows } = await analyzeJson(text, [
        '--port',
        port,
        '--protocol',
        e.probe.protocol,
      ]);
      expect(err).not.toMatch(/error/);
      expect(code).toBe(0);
      const verdicts = new Map(flows.map((f) => [`${f.from}->${f.to}`, f.allowed]));
      const allowed = new Set(e.allowed);
      for (const pair of assertedPairs(c, e)) {
        expect
          .soft(verdicts.get(pair), `${pair} at ${port}/${e.probe.protocol}`)
          .toBe(allowed.has(pair));
      }
    }
  });
});
