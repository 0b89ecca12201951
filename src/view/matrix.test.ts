// The matrix's cells agree with the per-flow engine, its groups follow the namespaces, and the
// port filter reads as Kubernetes spells ports.
import { describe, expect, it } from 'vitest';
import { buildEngineIndex, evaluateFlow } from '../engine/evaluate.ts';
import { withInferred } from '../model/infer-workloads.ts';
import type { Workload } from '../model/types.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { syntheticWorkspace } from '../../fixtures/synthetic-workspace.ts';
import { SHOP } from '../../fixtures/matrix-shop.ts';
import { CELL, cellPorts, computeMatrix, filterWords, parseMatrixFilter } from './matrix.ts';
import type { MatrixData } from './matrix.ts';

const indexOf = (text: string) => buildEngineIndex(withInferred(readWorkspace(text)));

function at(data: MatrixData, from: string, to: string): number | undefined {
  const n = data.workloads.length;
  const s = data.workloads.findIndex((w) => w.id === from);
  const d = data.workloads.findIndex((w) => w.id === to);
  return data.cells[s * n + d];
}

describe('computeMatrix', () => {
  const data = computeMatrix(indexOf(SHOP));

  it('orders workloads by namespace then name, one contiguous group per namespace', () => {
    expect(data.workloads.map((w) => w.id)).toEqual([
      'monitoring/prometheus',
      'shop/api',
      'shop/db',
      'shop/web',
    ]);
    expect(data.groups).toEqual([
      { namespace: 'monitoring', start: 0, count: 1 },
      { namespace: 'shop', start: 1, count: 3 },
    ]);
  });

  it('says allowed, some ports, denied, nothing to probe and self', () => {
    expect(at(data, 'shop/api', 'shop/db')).toBe(CELL.allowed);
    expect(at(data, 'shop/web', 'shop/api')).toBe(CELL.some);
    expect(at(data, 'shop/web', 'shop/db')).toBe(CELL.denied);
    // prometheus declares no port: nothing to probe without a port filter.
    expect(at(data, 'shop/web', 'monitoring/prometheus')).toBe(CELL.none);
    expect(at(data, 'shop/web', 'shop/web')).toBe(CELL.self);
    expect(data.counts).toEqual({ allowed: 4, some: 1, denied: 4, none: 3, self: 4 });
    expect(data.probes[1]).toEqual([
      { port: 8000, protocol: 'TCP' },
      { port: 9090, protocol: 'TCP' },
    ]);
  });

  it('probes only the filtered port and protocol', () => {
    const on8000 = computeMatrix(indexOf(SHOP), { port: 8000, protocol: 'TCP' });
    expect(at(on8000, 'shop/web', 'shop/api')).toBe(CELL.allowed);
    expect(at(on8000, 'shop/web', 'monitoring/prometheus')).toBe(CELL.allowed);
    expect(at(on8000, 'monitoring/prometheus', 'shop/api')).toBe(CELL.denied);
    const udp = computeMatrix(indexOf(SHOP), { protocol: 'UDP' });
    expect(udp.counts).toMatchObject({ allowed: 0, some: 0, denied: 0, none: 12 });
  });

  it('leaves a port name no destination declares unprobed', () => {
    const named = computeMatrix(indexOf(SHOP), { port: 'metrics' });
    expect(named.counts.none).toBe(12);
  });

  it('agrees with the per-flow engine on every pair of a generated workspace', () => {
    const index = indexOf(syntheticWorkspace(3, 5, 5));
    for (const filter of [{}, { port: 8080 }, { protocol: 'TCP' as const }]) {
      const m = computeMatrix(index, filter);
      const n = m.workloads.length;
      const byId = new Map(index.workloads.map((w) => [w.id, w]));
      for (let s = 0; s < n; s++)
        for (let d = 0; d < n; d++) {
          if (s === d) continue;
          const verdicts = (m.probes[d] ?? []).map(
            (p) =>
              evaluateFlow(index, {
                from: { kind: 'workload', workload: byId.get(m.workloads[s]!.id) as Workload },
                to: { kind: 'workload', workload: byId.get(m.workloads[d]!.id) as Workload },
                port: p.port,
                protocol: p.protocol,
              }).allowed,
          );
          const k = verdicts.filter(Boolean).length;
          const want =
            verdicts.length === 0
              ? CELL.none
              : k === 0
                ? CELL.denied
                : k === verdicts.length
                  ? CELL.allowed
                  : CELL.some;
          expect(m.cells[s * n + d], `${m.workloads[s]!.id} → ${m.workloads[d]!.id}`).toBe(want);
        }
    }
  });

  it('explains the ports of one pair with the per-flow engine', () => {
    const index = indexOf(SHOP);
    const web = data.workloads.findIndex((w) => w.id === 'shop/web');
    const api = data.workloads.findIndex((w) => w.id === 'shop/api');
    expect(cellPorts(index, data, web, api)).toEqual([
      { port: 8000, protocol: 'TCP', allowed: true },
      { port: 9090, protocol: 'TCP', allowed: false },
    ]);
  });
});

describe('parseMatrixFilter', () => {
  it('reads numbers, names and the protocol', () => {
    expect(parseMatrixFilter('', '')).toEqual({ ok: true, filter: {} });
    expect(parseMatrixFilter(' 8000 ', 'TCP')).toEqual({
      ok: true,
      filter: { port: 8000, protocol: 'TCP' },
    });
    expect(parseMatrixFilter('http', '')).toEqual({ ok: true, filter: { port: 'http' } });
    expect(parseMatrixFilter('', 'UDP')).toEqual({ ok: true, filter: { protocol: 'UDP' } });
  });

  it('refuses what Kubernetes would not take as a port', () => {
    for (const bad of ['0', '70000', 'HTTP', 'a-very-long-port-name', '-x', '80a!', 'a--b'])
      expect(parseMatrixFilter(bad, '').ok, bad).toBe(false);
  });

  it('says the filter in words', () => {
    expect(filterWords({})).toBe('each declared port');
    expect(filterWords({ protocol: 'UDP' })).toBe('each declared UDP port');
    expect(filterWords({ port: 53, protocol: 'UDP' })).toBe('UDP 53');
  });
});
