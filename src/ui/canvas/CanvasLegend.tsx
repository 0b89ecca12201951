// The key to the canvas, as a bar above it (never over a node): what colour, dashes and icons
// mean, and each policy's colour by name. It folds to one line (remembered) to give the canvas
// the room on a small screen.
import { useMemo, useState } from 'react';
import { displayText } from '../../model/display-text.ts';
import type { Graph } from '../../store/graph/graph-types.ts';
import { flowColor, policyColor } from './to-flow.ts';

const KEY = 'netpol-canvas:legend-folded';
const MAX_SWATCHES = 8;

function readFolded(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

function Line({ color, dashed = false }: { readonly color: string; readonly dashed?: boolean }) {
  return (
    <svg width="24" height="8" aria-hidden="true">
      <line
        x1="0"
        y1="4"
        x2="24"
        y2="4"
        stroke={color}
        strokeWidth="2.2"
        {...(dashed ? { strokeDasharray: '6 4' } : {})}
      />
    </svg>
  );
}

function policiesOf(graph: Graph): { id: string; hue: number }[] {
  const hues = new Map<string, number>();
  for (const e of graph.edges)
    if (!hues.has(e.data.policyId)) hues.set(e.data.policyId, e.data.hue);
  return [...hues].map(([id, hue]) => ({ id, hue })).sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function CanvasLegend({
  highlighting,
  graph,
}: {
  readonly highlighting: boolean;
  readonly graph: Graph;
}) {
  const [folded, setFolded] = useState(readFolded);
  const policies = useMemo(() => policiesOf(graph), [graph]);
  const fold = (next: boolean) => {
    setFolded(next);
    try {
      localStorage.setItem(KEY, next ? '1' : '0');
    } catch {
      // Storage disabled: the choice lasts for this visit.
    }
  };
  return (
    <aside className={`canvas-legend${folded ? ' folded' : ''}`} aria-label="Canvas legend">
      <button
        type="button"
        className="legend-fold"
        onClick={() => fold(!folded)}
        aria-expanded={!folded}
        title={folded ? 'Show the legend' : 'Fold the legend to one line'}
      >
        {folded ? '▸' : '▾'} Legend
      </button>
      {highlighting ? (
        <div className="legend-items">
          <span>
            <Line color={flowColor('allowed')} /> ✓ allowed
          </span>
          <span>
            <Line color={flowColor('denied')} dashed /> ✗ denied
          </span>
          <span>
            <Line color={flowColor('partial')} /> some ports only
          </span>
          {!folded && (
            <span className="legend-hint">
              Click a flow to see why; click empty space to clear.
            </span>
          )}
        </div>
      ) : (
        <div className="legend-items">
          <span>Lines are policy rules; colour = policy:</span>
          {policies.slice(0, folded ? 3 : MAX_SWATCHES).map((p) => (
            <span key={p.id} className="legend-policy" title={p.id}>
              <Line color={policyColor(p.hue)} />
              {displayText(p.id.slice(p.id.indexOf('/') + 1), 22)}
            </span>
          ))}
          {policies.length > (folded ? 3 : MAX_SWATCHES) && (
            <span className="legend-hint">
              +{policies.length - (folded ? 3 : MAX_SWATCHES)} more
            </span>
          )}
          {policies.length === 0 && <span className="legend-hint">no policy rules yet</span>}
          {!folded && (
            <span className="legend-hint">
              Select a workload to see its flows. Drag from ● to another node to allow traffic.
            </span>
          )}
        </div>
      )}
    </aside>
  );
}
