// Collapsing a namespace folds its workloads into one line whose cells summarise every pair.
import { describe, expect, it } from 'vitest';
import { buildEngineIndex } from '../engine/evaluate.ts';
import { withInferred } from '../model/infer-workloads.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { CELL, cellPorts, computeMatrix } from './matrix.ts';
import type { MatrixData } from './matrix.ts';
import { blockCounts, cellAt, describeCell, layoutMatrix } from './matrix-layout.ts';
import { SHOP } from '../../fixtures/matrix-shop.ts';

const data: MatrixData = computeMatrix(buildEngineIndex(withInferred(readWorkspace(SHOP))));
const lineOf = (layout: ReturnType<typeof layoutMatrix>, title: string) =>
  layout.lines.findIndex((l) => l.title === title);

describe('layoutMatrix', () => {
  it('has one line per workload and a span per namespace when nothing is collapsed', () => {
    const layout = layoutMatrix(data, new Set());
    expect(layout.lines.map((l) => l.label)).toEqual(['prometheus', 'api', 'db', 'web']);
    expect(layout.spans.map((s) => [s.namespace, s.start, s.end, s.collapsed])).toEqual([
      ['monitoring', 0, 1, false],
      ['shop', 1, 4, false],
    ]);
    expect(layout.cells).toBe(data.cells);
  });

  it('folds a collapsed namespace into one line and one verdict per block', () => {
    const layout = layoutMatrix(data, new Set(['shop']));
    expect(layout.lines.map((l) => l.title)).toEqual([
      'monitoring/prometheus',
      'namespace shop (3 workloads)',
    ]);
    const shop = lineOf(layout, 'namespace shop (3 workloads)');
    const prom = lineOf(layout, 'monitoring/prometheus');
    // Inside shop: web → api on some ports, web → db denied, the rest allowed: some.
    expect(cellAt(layout, shop, shop)).toBe(CELL.some);
    // Prometheus reaches web (no policy selects it), not api (web only) nor db (api only).
    expect(blockCounts(layout, prom, shop)).toEqual({ allowed: 1, some: 0, denied: 2, none: 0 });
    expect(cellAt(layout, prom, shop)).toBe(CELL.some);
    // Prometheus declares no port: shop → it has nothing to probe.
    expect(cellAt(layout, shop, prom)).toBe(CELL.none);
    expect(cellAt(layout, prom, prom)).toBe(CELL.self);
  });

  it('folds a block that is all denied to denied', () => {
    const layout = layoutMatrix(
      computeMatrix(buildEngineIndex(withInferred(readWorkspace(SHOP))), { port: 5432 }),
      new Set(['monitoring']),
    );
    const prom = lineOf(layout, 'namespace monitoring (1 workload)');
    const db = lineOf(layout, 'shop/db');
    expect(cellAt(layout, prom, db)).toBe(CELL.denied);
  });
});

describe('describeCell', () => {
  const layout = layoutMatrix(data, new Set());
  const web = lineOf(layout, 'shop/web');
  const api = lineOf(layout, 'shop/api');
  const prom = lineOf(layout, 'monitoring/prometheus');

  it('says source → destination, the verdict and the ports', () => {
    expect(describeCell(layout, api, lineOf(layout, 'shop/db'))).toBe(
      'shop/api → shop/db: allowed (TCP 5432)',
    );
    const index = buildEngineIndex(withInferred(readWorkspace(SHOP)));
    expect(
      describeCell(
        layout,
        web,
        api,
        cellPorts(index, data, layout.lines[web]!.workload, layout.lines[api]!.workload),
      ),
    ).toBe('shop/web → shop/api: some ports allowed (TCP 8000 allowed, TCP 9090 denied)');
    expect(describeCell(layout, web, prom)).toBe(
      'shop/web → monitoring/prometheus: no port to probe (monitoring/prometheus declares no port; filter by a port to probe it)',
    );
  });

  it('counts the pairs of a collapsed block', () => {
    const folded = layoutMatrix(data, new Set(['shop']));
    const shop = lineOf(folded, 'namespace shop (3 workloads)');
    expect(describeCell(folded, shop, shop)).toBe(
      'namespace shop (3 workloads) → namespace shop (3 workloads): some ports allowed (6 workload pairs: 3 allowed, 1 some ports, 2 denied)',
    );
  });
});
