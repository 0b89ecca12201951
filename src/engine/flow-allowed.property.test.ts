// The verdict-only path a selection's probes take agrees with the explained verdict, flow by flow.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildEngineIndex, evaluateFlow, flowAllowed } from './evaluate.ts';
import type { Endpoint } from './evaluate.ts';
import {
  indexed,
  labelledNamespaces,
  labels,
  policy,
  protocol,
  SMALL,
  TRICKY,
  workload,
} from '../../fixtures/policy-arbitraries.ts';

const namespaces = labelledNamespaces;

describe('flowAllowed', () => {
  it('law: equals evaluateFlow(…).allowed for every pair, port and protocol', () => {
    const vocabulary = fc.constantFrom(SMALL, TRICKY);
    fc.assert(
      fc.property(
        vocabulary.chain((v) =>
          fc.record({
            namespaceLabels: fc.tuple(labels(v), labels(v), labels(v)),
            workloads: indexed(1, 6, (i) => workload(i, v)),
            policies: indexed(0, 5, (i) => policy(i, v)),
          }),
        ),
        fc.array(fc.constantFrom<number | string>(53, 80, 443, 5432, 8080, 'http', 'dns', 'db'), {
          minLength: 1,
          maxLength: 3,
        }),
        protocol,
        (c, ports, proto) => {
          const ws = {
            namespaces: namespaces(c.namespaceLabels),
            workloads: c.workloads,
            policies: c.policies,
          };
          const index = buildEngineIndex(ws);
          const ends: Endpoint[] = [
            ...c.workloads.map((w) => ({ kind: 'workload' as const, workload: w })),
            { kind: 'external', ip: '10.1.2.3' },
            { kind: 'external', ip: '203.0.113.10' },
          ];
          for (const from of ends)
            for (const to of ends)
              for (const port of ports)
                for (const p of [proto, 'TCP' as const]) {
                  const q = { from, to, port, protocol: p };
                  expect(flowAllowed(index, q)).toBe(evaluateFlow(index, q).allowed);
                }
        },
      ),
      { numRuns: 300 },
    );
  });
});
