import { describe, expect, it } from 'vitest';
import { assertedPairs, clusterManifests } from '../../fixtures/conformance-cases.ts';
import { loadCnpCases } from '../../fixtures/conformance-cnp/load-cases.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { buildEngineIndex, evaluateFlow } from './evaluate.ts';
import { computeReachability, naiveReachability } from './reachability.ts';

// The ClusterNetworkPolicy cases (fixtures/conformance-cnp), transcribed from the upstream
// conformance tests, user stories and kube-network-policies: every asserted pair through the
// per-flow evaluator, the bulk engine, and the bulk engine's counts against the per-pair scan.
const cases = loadCnpCases();

describe('ClusterNetworkPolicy conformance', () => {
  it('has the 25 upstream-derived cases', () => {
    expect(cases).toHaveLength(25);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const ws = readWorkspace(`${clusterManifests(c)}${c.policies}`);
    expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ws.clusterPolicies?.length).toBeGreaterThan(0);
    const index = buildEngineIndex(ws);
    const byId = new Map(ws.workloads.map((w) => [w.id, w]));
    for (const e of c.expectations) {
      const port = e.probe.portName ?? e.probe.port!;
      const options = { port, protocol: e.probe.protocol };
      const bulk = computeReachability(index, options);
      expect(bulk.summary).toEqual(naiveReachability(index, options).summary);
      const position = new Map(bulk.pods.map((p, i) => [p.id, i]));
      const allowed = new Set(e.allowed);
      for (const pair of assertedPairs(c, e)) {
        const [from, to] = pair.split('->') as [string, string];
        const verdict = evaluateFlow(index, {
          from: { kind: 'workload', workload: byId.get(from)! },
          to: { kind: 'workload', workload: byId.get(to)! },
          port,
          protocol: e.probe.protocol,
        });
        const label = `${pair} at ${String(port)}/${e.probe.protocol}`;
        expect.soft(verdict.allowed, `${label}: ${verdict.reason}`).toBe(allowed.has(pair));
        expect
          .soft(bulk.allowed(position.get(from)!, position.get(to)!, 0), `bulk ${label}`)
          .toBe(allowed.has(pair));
      }
    }
  });
});
