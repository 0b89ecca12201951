// Canvas gestures and toolbar forms as text edits: each calls an authoring function against the
// last valid text and model and applies the result as one undoable step (the store refuses while
// the YAML is broken).
import type { PolicyPort } from '../model/types.ts';
import { evaluateFlow } from '../engine/evaluate.ts';
import { addAllowEdge, previewAllowEdge } from '../authoring/allow-edge.ts';
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
  const target: AllowTarget = to;
  return {
    from,
    to: target,
    ports: intent.port ? [intent.port] : null,
    ...(withDns ? { isolateEgress: true, withDns } : {}),
  };
}

/** Flows into a workload allowed right now, from every workload, at its declared ports. */
function allowedInto(model: CanvasModel, workloadId: string): number {
  const to = model.workspace.workloads.find((w) => w.id === workloadId);
  if (!to) return 0;
  let n = 0;
  for (const from of model.workspace.workloads) {
    if (from === to) continue;
    for (const p of to.ports) {
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

export function previewAllow(model: CanvasModel, intent: AllowIntent): AllowPreview {
  const parsed = workspaceStore.getState().lastValid;
  const request = toIntent(model, intent, false);
  if (typeof request === 'string') return { notes: [], offerDns: false, error: request };
  const p = previewAllowEdge(parsed.result, request, (id) => allowedInto(model, id));
  const notes: string[] = [];
  if (p.destinationBecomesIsolated) {
    notes.push(
      `The destination becomes isolated for ingress: ${p.deniedFlowsIfIsolated ?? 0} flow(s) into it that are allowed now will be denied.`,
    );
  }
  if (p.sourceEgressIsolated)
    notes.push('The source is isolated for egress, so an egress rule is added too.');
  else if (p.sourceEgressOpen && request.to.kind === 'external') {
    notes.push(
      'The source’s egress is open, so this traffic is already allowed; tick below to restrict its egress to it.',
    );
  }
  return { notes, offerDns: p.sourceEgressOpen && request.to.kind === 'external' };
}

function apply(result: GestureResult, label: string): boolean {
  const store = workspaceStore.getState();
  if ('error' in result) {
    store.notify(result.error, 'error');
    return false;
  }
  if (result.edits.length === 0) {
    store.notify(result.summary || 'Nothing to change: that traffic is already allowed.');
    return true;
  }
  const done = store.applyEdits(result.edits, label);
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
    `Allow ${intent.source} → ${intent.target}`,
  );
}

export function toggleDefaultDeny(
  namespace: string,
  direction: 'ingress' | 'egress',
  on: boolean,
): void {
  const parsed = workspaceStore.getState().lastValid;
  apply(
    setDefaultDeny(parsed.text, parsed.result, namespace, direction, on, {
      withDns: direction === 'egress',
    }),
    `${on ? 'Deny' : 'Stop denying'} ${direction} by default in ${namespace}`,
  );
}

export function deleteEdge(edgeId: string): void {
  const parsed = workspaceStore.getState().lastValid;
  const { externals } = workspaceStore.getState();
  const edge = canvasModelOf(parsed.workspace, externals).graph.edgeById.get(edgeId);
  if (!edge) {
    workspaceStore.getState().notify('That edge is no longer on the canvas.', 'error');
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
