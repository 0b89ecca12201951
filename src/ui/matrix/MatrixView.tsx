// The reachability matrix view: the filter and legend above, the grid, and the coverage summary
// beside it. A cell click selects that flow, so the inspector explains it as it does on the canvas.
import { useCallback, useMemo, useState } from 'react';
import { flowsBelongInWorker } from '../../store/canvas-model.ts';
import type { CanvasModel } from '../../store/canvas-model.ts';
import { workspaceStore } from '../../store/workspace-store.ts';
import { CELL, cellPorts, filterWords } from '../../view/matrix.ts';
import type { MatrixFilter } from '../../view/matrix.ts';
import { cellAt, describeCell, layoutMatrix, membersOf } from '../../view/matrix-layout.ts';
import { requestFlows, useCanvasModel } from '../canvas/use-canvas-model.ts';
import { CoverageSummary } from './CoverageSummary.tsx';
import { MatrixFilterBar } from './MatrixFilterBar.tsx';
import { MatrixGrid } from './MatrixGrid.tsx';
import { useMatrixReport } from './use-matrix-report.ts';
import './matrix.css';

/** Selects the flow from → to; in large workspaces the source's flows come from the worker first. */
async function explainFlow(model: CanvasModel, from: string, to: string): Promise<void> {
  // The inspector computes them itself when they could not be had.
  if (flowsBelongInWorker(model)) await requestFlows(model, from).catch(() => undefined);
  workspaceStore.getState().select({ kind: 'edge', id: `flow|${from}|${to}` });
}

const fmt = (x = 0): string => x.toLocaleString('en');

export function MatrixView() {
  const model = useCanvasModel();
  const [filter, setFilter] = useState<MatrixFilter>({});
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [explained, setExplained] = useState<string | null>(null);
  const { matrix: data, coverage, current } = useMatrixReport(model, filter);
  const layout = useMemo(() => (data ? layoutMatrix(data, collapsed) : null), [data, collapsed]);
  const counts = data?.counts;

  const toggle = useCallback((ns: string) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (!next.delete(ns)) next.add(ns);
      return next;
    });
  }, []);

  const describe = useCallback(
    (row: number, col: number) => {
      if (!layout) return '';
      const r = layout.lines[row];
      const c = layout.lines[col];
      const some =
        r?.kind === 'workload' && c?.kind === 'workload' && cellAt(layout, row, col) === CELL.some;
      const verdicts = some
        ? cellPorts(model.index, layout.data, r.workload, c.workload)
        : undefined;
      return describeCell(layout, row, col, verdicts);
    },
    [layout, model],
  );

  const activate = useCallback(
    (row: number, col: number) => {
      if (!layout) return;
      const r = layout.lines[row];
      const c = layout.lines[col];
      if (!r || !c) return;
      if (r.kind === 'group' || c.kind === 'group') {
        // A folded block opens: its workloads' own cells are what can be explained.
        setCollapsed((prev) => {
          const next = new Set(prev);
          for (const l of [r, c])
            if (l.kind === 'group') next.delete(layout.data.groups[l.group]?.namespace ?? '');
          return next;
        });
        return;
      }
      const from = layout.data.workloads[membersOf(layout, r)[0] ?? -1]?.id;
      const to = layout.data.workloads[membersOf(layout, c)[0] ?? -1]?.id;
      if (!from || !to) return;
      if (from === to) {
        workspaceStore.getState().select({ kind: 'workload', id: from });
        setExplained(null);
        return;
      }
      setExplained(`${from} → ${to}`);
      void explainFlow(model, from, to);
    },
    [layout, model],
  );

  const namespaces = data?.groups.map((g) => g.namespace) ?? [];
  return (
    <div className="matrix-view" data-testid="matrix-view" data-ready={current && !!layout}>
      <MatrixFilterBar
        onFilter={setFilter}
        onCollapseAll={() => setCollapsed(new Set(namespaces))}
        onExpandAll={() => setCollapsed(new Set())}
        busy={!current}
      />
      <p className="mx-summary" aria-live="polite">
        {!data
          ? 'Computing the matrix…'
          : data.workloads.length === 0
            ? 'No workloads in the text yet: add Deployments, StatefulSets or Pods to see who reaches whom.'
            : `${fmt(data.workloads.length)} workloads in ${fmt(data.groups.length)} namespaces, on ${filterWords(data.filter)}: ${fmt(counts?.allowed)} pairs allowed, ${fmt(counts?.some)} some ports, ${fmt(counts?.denied)} denied${counts?.none ? `, ${fmt(counts.none)} not probed` : ''}. Rows are sources, columns destinations.`}
        {explained && (
          <span className="mx-explained"> Explaining {explained} in the inspector.</span>
        )}
      </p>
      <div className="mx-body">
        {layout && layout.lines.length > 0 ? (
          <MatrixGrid layout={layout} describe={describe} onActivate={activate} onToggle={toggle} />
        ) : (
          <div className="mx-empty" />
        )}
        {coverage ? (
          <CoverageSummary coverage={coverage} />
        ) : (
          <aside className="cov" aria-label="Coverage">
            <p className="cov-muted">Computing the coverage…</p>
          </aside>
        )}
      </div>
    </div>
  );
}
