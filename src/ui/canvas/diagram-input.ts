// What a diagram export draws, from what the canvas holds: the whole workspace with its policy
// rules, or, while a workload's flows are shown, that workload, its peers and its flows. Edges are
// routed anew on the nodes drawn (a flow diagram does not detour around nodes it leaves out), with
// the label sizes the canvas uses.
import type { FlowSummary, GraphNodeData } from '../../view/graph-types.ts';
import type {
  DiagramEdge,
  DiagramInput,
  DiagramLabel,
  DiagramNode,
  LegendLine,
} from '../../view/diagram-svg.ts';
import type { Rect } from '../../view/geometry.ts';
import { routeCanvas } from '../../view/route-canvas.ts';
import type { RoutedEdge, SceneEdge } from '../../view/route-canvas.ts';
import {
  LABEL_HEIGHT,
  flowLabelWidth,
  policyLabelParts,
  policyLabelWidth,
} from './edges/canvas-routes.ts';
import { flowColor, policyColor } from './to-flow.ts';
import type { CanvasEdge } from './to-flow.ts';

/** A node as the canvas placed it: absolute box in canvas coordinates. */
export interface PlacedNode {
  readonly id: string;
  readonly box: Rect;
  readonly g: GraphNodeData;
}

export interface DiagramPlan {
  readonly input: DiagramInput;
  /** A file name without extension, e.g. `netpol-flows-shop-api`. */
  readonly fileBase: string;
  /** What the notice says was saved: "the workspace", "the flows of shop/api". */
  readonly what: string;
}

const FLOW_LABEL = {
  allowed: { text: '#05603a', background: '#ecfdf3' },
  partial: { text: '#7a2e0e', background: '#fffaeb' },
  denied: { text: '#912018', background: '#fef3f2' },
} as const;
const OK = '#05603a';
const NO = '#912018';

/** The workload whose flows the canvas shows (an end of every flow edge), if any. */
export function flowFocus(edges: readonly CanvasEdge[]): string | null {
  for (const e of edges)
    if (e.data && 'f' in e.data) return e.data.f.direction === 'out' ? e.source : e.target;
  return null;
}

function flowLabel(f: FlowSummary): DiagramLabel['parts'] {
  const parts: { text: string; color?: string }[] = [];
  if (f.counts) {
    const { allowed, partial, denied } = f.counts;
    if (allowed > 0) parts.push({ text: `✓ ${allowed}`, color: OK });
    if (partial > 0) parts.push({ text: `◐ ${partial}` });
    if (denied > 0) parts.push({ text: `✗ ${denied}`, color: NO });
  }
  for (const p of f.ports.slice(0, 3))
    parts.push({
      text: `${p.allowed ? '✓' : '✗'} ${p.protocol === 'TCP' ? '' : `${p.protocol} `}${p.port}`,
      color: p.allowed ? OK : NO,
    });
  if (f.ports.length > 3) parts.push({ text: `+${f.ports.length - 3}` });
  return parts;
}

function diagramEdge(e: CanvasEdge, route: RoutedEdge): DiagramEdge | null {
  if (!e.data) return null;
  if ('f' in e.data) {
    const f = e.data.f;
    const color = flowColor(f.state);
    return {
      id: e.id,
      points: route.points,
      color,
      strokeWidth: 2.2,
      dashed: f.state === 'denied',
      label: route.label && {
        centre: route.label,
        width: flowLabelWidth(f),
        parts: flowLabel(f),
        color,
        background: FLOW_LABEL[f.state].background,
        dashed: f.state === 'denied',
      },
    };
  }
  const g = e.data.g;
  const color = policyColor(g.hue);
  const { policy, ports } = policyLabelParts(g);
  return {
    id: e.id,
    points: route.points,
    color,
    strokeWidth: 1.8,
    dashed: false,
    label: route.label && {
      centre: route.label,
      width: policyLabelWidth(g),
      parts: [{ text: policy, bold: true }, { text: ports }],
      color,
      background: '#ffffff',
    },
  };
}

function diagramNode(n: PlacedNode): DiagramNode {
  const g = n.g;
  if (g.kind === 'workload')
    return { kind: 'workload', id: n.id, box: n.box, workload: g.workload, isolation: g.isolation };
  if (g.kind === 'namespace')
    return {
      kind: 'namespace',
      id: n.id,
      box: n.box,
      name: g.name,
      defaultDeny: g.defaultDeny,
      inferred: g.inferred,
      // As the canvas's collapsed box says it.
      ...(g.collapsed
        ? {
            folded: `${plural(g.workloadCount, 'workload')}${g.innerRules ? ` · ${plural(g.innerRules, 'rule')} inside` : ''}`,
          }
        : {}),
    };
  return { kind: 'external', id: n.id, box: n.box, label: g.label, cidr: g.cidr, except: g.except };
}

const labelOf = (e: CanvasEdge): SceneEdge['label'] => {
  if (!e.data) return undefined;
  const width = 'f' in e.data ? flowLabelWidth(e.data.f) : policyLabelWidth(e.data.g);
  return { width, height: LABEL_HEIGHT };
};

const plural = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
const fileSafe = (s: string) =>
  s
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

/** The nodes, edges, legend and title of the diagram of what the canvas shows. */
export function diagramPlan(
  placed: readonly PlacedNode[],
  canvasEdges: readonly CanvasEdge[],
  onCanvas?: ReadonlyMap<string, RoutedEdge>,
): DiagramPlan {
  const focus = flowFocus(canvasEdges);
  // Verdicts being computed again (of the model before an edit) are not the picture's to show.
  const flows = canvasEdges.filter(
    (e) => e.data && 'f' in e.data && !('pending' in e.data && e.data.pending),
  );
  const edges = focus ? flows : canvasEdges.filter((e) => e.data && 'g' in e.data);
  const keep = focus ? new Set([focus, ...flows.flatMap((e) => [e.source, e.target])]) : null;
  const nodes = keep ? placed.filter((n) => keep.has(n.id)) : placed;
  const ids = new Set(nodes.map((n) => n.id));
  const drawn = edges.filter((e) => ids.has(e.source) && ids.has(e.target));

  // The whole workspace as the canvas routed it, when it routed every edge (it skips nodes it has
  // not measured): the same picture, and no second routing of a large canvas.
  const same =
    !focus &&
    onCanvas !== undefined &&
    drawn.every((e) => {
      const r = onCanvas.get(e.id);
      return r !== undefined && (r.label !== null || labelOf(e) === undefined);
    });
  const routes: ReadonlyMap<string, RoutedEdge> =
    same && onCanvas
      ? onCanvas
      : routeCanvas(
          nodes.map((n) => ({ id: n.id, kind: n.g.kind, box: n.box })),
          drawn.map((e) => {
            const label = labelOf(e);
            return { id: e.id, source: e.source, target: e.target, ...(label ? { label } : {}) };
          }),
          // A file has no hover to show a left-out label: search further, and place them all.
          { reach: 4, placeAll: true },
        );
  const diagramEdges = drawn.flatMap((e) => {
    const route = routes.get(e.id);
    const d = route && diagramEdge(e, route);
    return d ? [d] : [];
  });
  const diagramNodes = nodes.map(diagramNode);

  if (focus) {
    const g = placed.find((n) => n.id === focus)?.g;
    const name = g?.kind === 'workload' ? `${g.workload.namespace}/${g.workload.name}` : focus;
    const count = (state: FlowSummary['state']) =>
      drawn.filter((e) => e.data && 'f' in e.data && e.data.f.state === state).length;
    const lines: LegendLine[] = [
      { text: '✓ allowed', color: flowColor('allowed'), dashed: false },
      { text: '✗ denied', color: flowColor('denied'), dashed: true },
      { text: 'some ports only', color: flowColor('partial'), dashed: false },
    ];
    return {
      fileBase: `netpol-flows-${fileSafe(name) || 'workload'}`,
      what: `the flows of ${name}`,
      input: {
        title: `Flows of ${name}`,
        subtitle: `${count('allowed')} allowed · ${count('denied')} denied · ${count('partial')} partly allowed — netpol-canvas`,
        nodes: diagramNodes,
        edges: diagramEdges,
        legend: {
          lines,
          notes: [
            `Every flow into and out of ${name}, as the NetworkPolicies decide it. An arrow points the way traffic goes; its label lists the probed ports, ✓ allowed or ✗ denied.`,
          ],
        },
      },
    };
  }

  const policies = new Map<string, string>();
  for (const e of drawn)
    if (e.data && 'g' in e.data) policies.set(e.data.g.policyId, policyColor(e.data.g.hue));
  const lines = [...policies]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, color]) => ({ text: id, color, dashed: false }));
  const count = (kind: GraphNodeData['kind']) => nodes.filter((n) => n.g.kind === kind).length;
  return {
    fileBase: 'netpol-diagram',
    what: 'the workspace',
    input: {
      title: 'NetworkPolicies of the workspace',
      subtitle: `${plural(count('namespace'), 'namespace')} · ${plural(count('workload'), 'workload')} · ${plural(policies.size, 'NetworkPolicy', 'NetworkPolicies')} — netpol-canvas`,
      nodes: diagramNodes,
      edges: diagramEdges,
      legend: {
        lines,
        notes: [
          policies.size === 0
            ? 'No NetworkPolicy rule to draw.'
            : 'Each line is a rule of the NetworkPolicy of its colour (listed above): it allows traffic the way its arrow points, on the ports its label names. Traffic that no rule allows is denied only where a policy isolates the sending or the receiving workload (their badges say which).',
        ],
      },
    },
  };
}
