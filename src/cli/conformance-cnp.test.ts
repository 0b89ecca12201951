import { describe, expect, it } from 'vitest';
import { assertedPairs, clusterManifests } from '../../fixtures/conformance-cases.ts';
import { loadCnpCases, loadCnpValidationCases } from '../../fixtures/conformance-cnp/load-cases.ts';
import { nodeFs } from './node-io.ts';
import { runCli } from './run-cli.ts';

// The ClusterNetworkPolicy cases through the CLI: `analyze --format json` (the per-flow engine
// with explanations), `analyze` as a table is the bulk engine (covered in src/engine), and
// `validate` for the CRD validation cases.
const cases = loadCnpCases();
const validation = loadCnpValidationCases();

async function cli(args: string[], text: string) {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdin: async () => Buffer.from(text),
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    fs: nodeFs,
  });
  return { code, out, err };
}

interface FlowJson {
  from: string;
  to: string;
  allowed: boolean;
  explanation: {
    reason: string;
    egress: { tier: string; clusterMatches: { policy: string; action: string }[] };
    ingress: { tier: string; clusterMatches: { policy: string; action: string }[] };
  };
}

describe('ClusterNetworkPolicy conformance through the CLI', () => {
  it('has all 25 cases', () => {
    expect(cases).toHaveLength(25);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const text = `${clusterManifests(c)}${c.policies}`;
    for (const e of c.expectations) {
      const port = e.probe.portName ?? String(e.probe.port);
      const r = await cli(
        [
          'analyze',
          '--port',
          port,
          '--protocol',
          e.probe.protocol,
          '--format',
          'json',
          '--by',
          'pod',
          '--explain',
          '-',
        ],
        text,
      );
      expect(r.err).not.toMatch(/error/);
      expect(r.code).toBe(0);
      const flows = (JSON.parse(r.out) as { flows: FlowJson[] }).flows;
      const verdicts = new Map(flows.map((f) => [`${f.from}->${f.to}`, f]));
      const allowed = new Set(e.allowed);
      for (const pair of assertedPairs(c, e)) {
        const f = verdicts.get(pair);
        expect
          .soft(f?.allowed, `${pair} at ${port}/${e.probe.protocol}: ${f?.explanation.reason}`)
          .toBe(allowed.has(pair));
      }
    }
  });

  it('names the deciding tier, policy and rule in the JSON explanation', async () => {
    const c = cases.find((x) => x.name === 'npa-docs/user-story-1/step2')!;
    const r = await cli(
      ['analyze', '--port', '80', '--format', 'json', '--explain', '-'],
      `${clusterManifests(c)}${c.policies}`,
    );
    const flow = (JSON.parse(r.out) as { flows: FlowJson[] }).flows.find(
      (f) => f.from === 'foo-ns/x' && f.to === 'sensitive-ns/db',
    )!;
    expect(flow.allowed).toBe(false);
    expect(flow.explanation.ingress.tier).toBe('Admin');
    expect(flow.explanation.ingress.clusterMatches).toMatchObject([
      { policy: 'cluster-wide-deny-example', action: 'Deny' },
    ]);
    expect(flow.explanation.reason).toContain(
      'Admin tier: cluster-wide-deny-example (priority 10) ingress rule 1 (select-all-deny-all) denies TCP 80 from foo-ns/x; NetworkPolicy not consulted',
    );
  });

  it('the summary counts the same flows as the per-flow answers', async () => {
    const c = cases.find((x) => x.name === 'npa-docs/user-story-5/step2')!;
    const text = `${clusterManifests(c)}${c.policies}`;
    const summary = JSON.parse(
      (await cli(['analyze', '--port', '80', '--format', 'summary', '-'], text)).out,
    ) as { flows: number; allowed: number };
    const flows = (
      JSON.parse((await cli(['analyze', '--port', '80', '--format', 'json', '-'], text)).out) as {
        flows: FlowJson[];
      }
    ).flows.filter((f) => f.from !== f.to);
    expect(summary.flows).toBe(flows.length);
    expect(summary.allowed).toBe(flows.filter((f) => f.allowed).length);
  });
});

describe('ClusterNetworkPolicy CRD validation through the CLI', () => {
  it.each(validation.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const r = await cli(['validate', '--format', 'json', '-'], c.yaml);
    const { diagnostics } = JSON.parse(r.out) as {
      diagnostics: { severity: string; path: string; message: string; line: number }[];
    };
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (!c.expectError) {
      expect(errors).toEqual([]);
      expect(r.code).toBe(0);
      return;
    }
    expect(r.code).toBe(1);
    const m = c.match!;
    expect(
      errors.some((d) => d.path.startsWith(m) || d.message.includes(m)),
      JSON.stringify(errors),
    ).toBe(true);
    expect(errors.every((d) => d.line > 0)).toBe(true);
  });
});
