// Canvas gestures and toolbar forms as text edits: each calls an authoring function against the
// last valid text and model and applies the result as one undoable step (the store refuses while
// the YAML is broken).
import type { PolicyPort, Protocol, Workload } from '../model/types.ts';
import { evaluateFlow } from '../engine/evaluate.ts';
import { addAllowEdge, describeEnd, previewAllowEdge } from '../authoring/allow-edge.ts';
import type {
  AllowIntent as AuthoringIntent,
  AllowSource,
  AllowTarget,
} from '../authoring/allow-edge.ts';
import { removeEdge, setDefaultDeny } from '../authoring/remove-and-deny.ts';
import { addNamespace, addWorkload, parseLabelList } from '../authoring/add-objects.ts';
import type { GestureResult } from '../authoring/policy-text.ts';
import { workspaceStore } from './workspace-store.ts';
import { canvasModelOf } from './canvas-model.ts';
import type { CanvasModel } from './canvas-model.ts';
import { checkBeforeCommit } from './lint-store.ts';
import { removeClusterEdge } from './cluster-gestures.ts';

export interface AllowIntent {
  /** Canvas node ids. */
  readonly source: string;
  readonly target: string;
  /** null: any port. */
  readonly port: PolicyPort | null;
}

export interface AllowPreview {
  readonly notes: readonly string[];
  readonly offerDns: boolean;
  readonly error?: string;
}

function endpoint(model: CanvasModel, id: string): AllowSource | null {
  const data = model.graph.nodeById.get(id)?.data;
  if (!data) return null;
  if (data.kind === 'workload') return { kind: 'workload', workload: data.workload };
  if (data.kind === 'namespace') return { kind: 'namespace', name: data.name };
  // "anywhere" and "every pod" stand for rules without peers or with empty selectors; no single
  // peer written for them would mean the same thing.
  if (data.cidr === null) return null;
  return { kind: 'external', cidr: data.cidr, except: data.except };
}

function toIntent(
  model: CanvasModel,
  intent: AllowIntent,
  withDns: boolean,
): AuthoringIntent | string {
  const from = endpoint(model, intent.source);
  const to = endpoint(model, intent.target);
  for (const id of [intent.source, intent.target])
    if (model.graph.nodeById.get(id)?.data.kind === 'external' && !endpoint(model, id))
      return 'That node stands for a rule without peers, not a network: draw to or from a workload, namespace or CIDR.';
  if (!from || !to) return 'That node is no longer on the canvas.';
  if (to.kind === 'namespace')
    return 'Draw the edge to a workload or an external network, not a namespace.';
  if (from.kind === 'namespace' && to.kind === 'external')
    return 'Allowing a whole namespace to an external network is not drawn yet: draw it from each workload.';
  if (from.kind === 'external' && to.kind === 'external')
    return 'Both ends are outside the cluster: no policy governs that.';
  // Extending or duplicating a policy the API server would reject helps nobody: say so first.
  for (const end of [from, to]) {
    if (end.kind !== 'workload') continue;
    const broken = model.workspace.policies.find(
      (p) => !p.valid && p.namespace === end.workload.namespace,
    );
    if (broken)
      return `NetworkPolicy ${broken.id} has errors (see Problems): fix it before drawing to or from ${end.workload.namespace}.`;
  }
  const target: AllowTarget = to;
  // Traffic to an external network is only governed by the source's egress, so the edge is an
  // egress rule even when that isolates the source (the popover says so first).
  return {
    from,
    to: target,
    ports: intent.port ? [intent.port] : null,
    ...(to.kind === 'external' ? { isolateEgress: true, withDns } : {}),
  };
}

type FlowCheck = (from: Workload, to: Workload, port: number, protocol: Protocol) => boolean;

/** Flows between workloads, at the destination's declared ports, that are allowed right now. */
function allowedFlows(
  model: CanvasModel,
  pairs: Iterable<readonly [Workload, Workload]>,
  keep: FlowCheck = () => true,
): number {
  let n = 0;
  for (const [from, to] of pairs) {
    if (from === to) continue;
    for (const p of to.ports) {
      if (!keep(from, to, p.port, p.protocol)) continue;
      const v = evaluateFlow(model.index, {
        from: { kind: 'workload', workload: from },
        to: { kind: 'workload', workload: to },
        port: p.port,
        protocol: p.protocol,
      });
      if (v.allowed) n++;
    }
  }
  return n;
}

function* pairsInto(ws: readonly Workload[], to: Workload) {
  for (const from of ws) yield [from, to] as const;
}

function* pairsOutOf(ws: readonly Workload[], from: Workload) {
  for (const to of ws) yield [from, to] as const;
}

/** Whether the DNS rule that isolation offers would still let this flow out. */
const reachedByDnsRule: FlowCheck = (_from, to, port, protocol) =>
  to.namespace === 'kube-system' &&
  to.labels['k8s-app'] === 'kube-dns' &&
  port === 53 &&
  (protocol === 'UDP' || protocol === 'TCP');

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the edge will do beyond allowing itself; `withDns` is the popover's DNS choice. */
export function previewAllow(
  model: CanvasModel,
  intent: AllowIntent,
  withDns = true,
): AllowPreview {
  const parsed = workspaceStore.getState().lastValid;
  const request = toIntent(model, intent, withDns);
  if (typeof request === 'string') return { notes: [], offerDns: false, error: request };
  const workloads = model.workspace.workloads;
  const p = previewAllowEdge(parsed.result, request, (id) => {
    const to = workloads.find((w) => w.id === id);
    return to ? allowedFlows(model, pairsInto(workloads, to)) : 0;
  });
  const notes: string[] = [];
  if (p.destinationBecomesIsolated) {
    notes.push(
      `The destination becomes isolated for ingress: ${plural(p.deniedFlowsIfIsolated ?? 0, 'flow', 'flows')} into it that ${(p.deniedFlowsIfIsolated ?? 0) === 1 ? 'is' : 'are'} allowed now will be denied.`,
    );
  }
  if (p.sourceEgressIsolated)
    notes.push('The source is isolated for egress, so an egress rule is added too.');
  const isolatesSource = p.sourceEgressOpen && request.to.kind === 'external';
  if (isolatesSource && request.from.kind === 'workload') {
    const from = request.from.workload;
    const denied = allowedFlows(
      model,
      pairsOutOf(workloads, from),
      withDns ? (a, b, port, protocol) => !reachedByDnsRule(a, b, port, protocol) : undefined,
    );
    notes.push(
      `The source becomes isolated for egress: it may then send only what policies allow. ${plural(denied, 'flow', 'flows')} from it to workloads that ${denied === 1 ? 'is' : 'are'} allowed now will be denied.`,
    );
  }
  return { notes, offerDns: isolatesSource };
}

function apply(result: GestureResult, label: string, base?: string): boolean {
  const store = workspaceStore.getState();
  if ('error' in result) {
    store.notify(result.error, 'error');
    return false;
  }
  if (result.edits.length === 0) {
    store.notify(result.summary || 'Nothing to change: that traffic is already allowed.');
    return true;
  }
  const done = store.applyEdits(result.edits, label, base);
  if (done) store.notify(`${label}: ${result.summary}`);
  return done;
}

/** `withDns`: the user chose to restrict the source's egress to this edge, keeping DNS. */
export function allowEdge(model: CanvasModel, intent: AllowIntent, withDns: boolean): boolean {
  const parsed = workspaceStore.getState().lastValid;
  const request = toIntent(model, intent, withDns);
  if (typeof request === 'string') {
    workspaceStore.getState().notify(request, 'error');
    return false;
  }
  return apply(
    addAllowEdge(parsed.text, parsed.result, request),
    `Allow ${describeEnd(request.from)} → ${describeEnd(request.to)}`,
  );
}

/** `withDns`: when turning egress isolation on, also allow DNS to kube-dns (the default). */
export function toggleDefaultDeny(
  namespace: string,
  direction: 'ingress' | 'egress',
  on: boolean,
  options: { readonly withDns?: boolean } = {},
): void {
  const parsed = workspaceStore.getState().lastValid;
  const withDns = direction === 'egress' && (options.withDns ?? true);
  const result = setDefaultDeny(parsed.text, parsed.result, namespace, direction, on, { withDns });
  const label = `${on ? 'Deny' : 'Stop denying'} ${direction} by default in ${namespace}`;
  // A deny can break flows the user drew (the other side's rule stays, this side now denies):
  // lint the result first, and ask instead of breaking them silently.
  if (!on || 'error' in result || result.edits.length === 0) {
    apply(result, label);
    return;
  }
  checkBeforeCommit(label, parsed, result.edits, () => apply(result, label, parsed.text));
}

export function deleteEdge(edgeId: string): void {
  const parsed = workspaceStore.getState().lastValid;
  const { externals } = workspaceStore.getState();
  const model = canvasModelOf(parsed.workspace, externals);
  const edge = model.graph.edgeById.get(edgeId);
  if (!edge) {
    workspaceStore.getState().notify('That edge is no longer on the canvas.', 'error');
    return;
  }
  // A cluster policy rule lives in a ClusterNetworkPolicy, not a NetworkPolicy: its own gesture.
  if (edge.data.cluster) {
    removeClusterEdge(model, edgeId);
    return;
  }
  const { policyId, direction, ruleIndex, peerIndex } = edge.data;
  apply(
    removeEdge(parsed.text, parsed.result, { policyId, direction, ruleIndex, peerIndex }),
    `Delete edge of ${policyId}`,
  );
}

/** A workload as the toolbar's form gives it (labels as typed: `app=web, tier=front`). */
export interface WorkloadForm {
  readonly namespace: string;
  readonly name: string;
  readonly labels: string;
  readonly port: number | null;
  readonly portName: string;
  readonly protocol: PolicyPort['protocol'];
}

/** Adds a Namespace document; returns what is wrong, or null when it was added. */
export function addNamespaceFromForm(name: string): string | null {
  const { text, result } = workspaceStore.getState().lastValid;
  return applyForm(addNamespace(text, result, name.trim()), 'Add namespace');
}

/** Adds a Deployment document; returns what is wrong, or null when it was added. */
export function addWorkloadFromForm(form: WorkloadForm): string | null {
  const labels = parseLabelList(form.labels);
  if ('error' in labels) return labels.error;
  const { text, result } = workspaceStore.getState().lastValid;
  const portName = form.portName.trim();
  const outcome = addWorkload(text, result, {
    namespace: form.namespace.trim(),
    name: form.name.trim(),
    labels,
    ports:
      form.port === null
        ? []
        : [{ ...(portName ? { name: portName } : {}), port: form.port, protocol: form.protocol }],
  });
  return applyForm(outcome, 'Add workload');
}

function applyForm(outcome: GestureResult, label: string): string | null {
  if ('error' in outcome) return outcome.error;
  const store = workspaceStore.getState();
  if (!store.applyEdits(outcome.edits, label)) return 'Fix the YAML errors first.';
  store.notify(outcome.summary);
  return null;
}
