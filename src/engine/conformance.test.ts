import { describe, expect, it } from 'vitest';
import {
  assertedPairs,
  clusterManifests,
  loadConformanceCases,
} from '../../fixtures/conformance-cases.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { buildEngineIndex, evaluateFlow } from './evaluate.ts';
import { computeReachability } from './reachability.ts';

// The upstream-derived cases (fixtures/conformance): every asserted pair, through both the
// per-flow evaluator and the bulk engine.
const cases = loadConformanceCases();

describe('conformance', () => {
  it('has the 69 upstream cases', () => {
    expect(cases).toHaveLength(69);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const ws = readWorkspace(`${clusterManifests(c)}${c.policies}`);
    expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const index = buildEngineIndex(ws);
    const byId = new Map(ws.workloads.map((w) => [w.id, w]));
    for (const e of c.expectations) {
      const port = e.probe.portName ?? e.probe.port!;
      const bulk = computeReachability(index, { port, protocol: e.probe.protocol });
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
