// The key to the canvas, as a bar above it (never over a node): what colour, dashes and icons
// mean, and each policy's colour by name. It folds to one line (remembered) to give the canvas
// the room on a small screen.
import { useMemo, useRef, useState } from 'react';
import { displayText } from '../../model/display-text.ts';
import type { Graph } from '../../view/graph-types.ts';
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import { useCanvasViewStore } from '../../store/canvas-view-store.ts';
import { themedFlowColor, themedPolicyColor } from './to-flow.ts';
import { useOneLine } from './use-one-line.ts';

const KEY = 'netpol-canvas:legend-folded';
const MAX_SWATCHES = 8;

function readFolded(): boolean {
  try {
    // Folded to one line unless the user opened it: the canvas needs the height more.
    return localStorage.getItem(KEY) !== '0';
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
        // A style, not the attribute: the colour is a CSS light-dark() value.
        style={{ stroke: color }}
        strokeWidth="2.2"
        {...(dashed ? { strokeDasharray: '6 4' } : {})}
      />
    </svg>
  );
}

/** The strokes of cluster policy rules (PolicyEdge.tsx): Admin a double line, Baseline dashes. */
function TierLine({ tier }: { readonly tier: 'Admin' | 'Baseline' }) {
  return (
    <svg width="24" height="10" aria-hidden="true">
      {tier === 'Admin' ? (
        <>
          <line
            x1="0"
            y1="5"
            x2="24"
            y2="5"
            style={{ stroke: 'var(--text-2)' }}
            strokeWidth="4.4"
          />
          <line
            x1="0"
            y1="5"
            x2="24"
            y2="5"
            style={{ stroke: 'var(--surface)' }}
            strokeWidth="1.4"
          />
        </>
      ) : (
        <line
          x1="0"
          y1="5"
          x2="24"
          y2="5"
          style={{ stroke: 'var(--text-2)' }}
          strokeWidth="1.8"
          strokeDasharray="9 4"
        />
      )}
    </svg>
  );
}

/** Which cluster tiers have rules on the canvas. */
function tiersOf(graph: Graph): { Admin: boolean; Baseline: boolean } {
  const out = { Admin: false, Baseline: false };
  for (const e of graph.edges) if (e.data.cluster) out[e.data.cluster.tier] = true;
  return out;
}

/** Each policy with its hue and the name to show: the short name, or namespace/name when two share it. */
function policiesOf(graph: Graph): { id: string; hue: number; name: string }[] {
  const hues = new Map<string, number>();
  for (const e of graph.edges)
    if (!hues.has(e.data.policyId)) hues.set(e.data.policyId, e.data.hue);
  const short = (id: string) => id.slice(id.indexOf('/') + 1);
  const uses = new Map<string, number>();
  for (const id of hues.keys()) uses.set(short(id), (uses.get(short(id)) ?? 0) + 1);
  return [...hues]
    .map(([id, hue]) => ({ id, hue, name: (uses.get(short(id)) ?? 0) > 1 ? id : short(id) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function CanvasLegend({
  highlighting,
  graph,
  deniedCount = 0,
}: {
  readonly highlighting: boolean;
  readonly graph: Graph;
  /** The selection's denied flows: drawn as edges only when asked. */
  readonly deniedCount?: number;
}) {
  const [folded, setFolded] = useState(readFolded);
  const row = useRef<HTMLDivElement>(null);
  useOneLine(row, folded);
  const showDenied = useCanvasViewStore((s) => s.showDenied);
  const policies = useMemo(() => policiesOf(graph), [graph]);
  const tiers = useMemo(() => tiersOf(graph), [graph]);
  const picked = useWorkspaceStore((s) => (s.selection?.kind === 'policy' ? s.selection.id : null));
  const pick = (id: string) =>
    workspaceStore.getState().select(picked === id ? null : { kind: 'policy', id });
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
        <div className="legend-items" ref={row}>
          <span>
            <Line color={themedFlowColor('allowed')} /> ✓ allowed
          </span>
          <span>
            <Line color={themedFlowColor('denied')} dashed /> ✗ denied
          </span>
          {deniedCount > 0 && (
            <button
              type="button"
              className="legend-denied"
              aria-pressed={showDenied}
              onClick={() => useCanvasViewStore.getState().setShowDenied(!showDenied)}
              title={
                showDenied
                  ? 'Show denied flows as one marker per workload instead'
                  : 'Draw every denied flow as a dashed edge'
              }
            >
              {showDenied ? 'Hide' : 'Draw'} {deniedCount} denied
            </button>
          )}
          <span>
            <Line color={themedFlowColor('partial')} /> some ports only
          </span>
          {!folded && (
            <span className="legend-hint">
              Click a flow to see why; click empty space to clear.
            </span>
          )}
        </div>
      ) : (
        <div className="legend-items" ref={row}>
          <span>Lines are policy rules; colour = policy:</span>
          {policies.slice(0, folded ? 3 : MAX_SWATCHES).map((p) => (
            <button
              type="button"
              key={p.id}
              className="legend-policy"
              title={`${displayText(p.id, 80)}: what it selects and admits, in words`}
              aria-pressed={picked === p.id}
              onClick={() => pick(p.id)}
            >
              <Line color={themedPolicyColor(p.hue)} />
              {displayText(p.name, 28)}
            </button>
          ))}
          {policies.length > (folded ? 3 : MAX_SWATCHES) && (
            <span className="legend-hint">
              +{policies.length - (folded ? 3 : MAX_SWATCHES)} more
            </span>
          )}
          {policies.length === 0 && <span className="legend-hint">no policy rules yet</span>}
          {tiers.Admin && (
            <span title="ClusterNetworkPolicy, Admin tier: decides before any NetworkPolicy">
              <TierLine tier="Admin" /> Admin tier (before NetworkPolicy)
            </span>
          )}
          {tiers.Baseline && (
            <span title="ClusterNetworkPolicy, Baseline tier: decides only where no NetworkPolicy isolates">
              <TierLine tier="Baseline" /> Baseline tier (after NetworkPolicy)
            </span>
          )}
          {!folded && (
            <span className="legend-hint">
              Select a workload to see its flows, or a policy to read its rules. Drag from ● to
              another node to allow traffic.
            </span>
          )}
        </div>
      )}
    </aside>
  );
}
