// Canvas node ids as engine endpoints, and the probe choices the explanation offers.
import type { Endpoint } from '../engine/evaluate.ts';
import type { CanvasModel } from './canvas-model.ts';

/** A canvas node (workload or external network) as an engine endpoint. */
export function endpointOfNode(model: CanvasModel, id: string): Endpoint | null {
  const d = model.graph.nodeById.get(id)?.data;
  if (d?.kind === 'workload') return { kind: 'workload', workload: d.workload };
  if (d?.kind === 'external' && d.probeIp !== null) return { kind: 'external', ip: d.probeIp };
  return null;
}

export interface ProbeChoice {
  readonly id: string;
  readonly label: string;
}

/** Workloads, then external networks: everything a flow can start or end at. */
export function probeChoices(model: CanvasModel): ProbeChoice[] {
  const out: ProbeChoice[] = [];
  for (const n of model.graph.nodes) {
    if (n.data.kind === 'workload')
      out.push({
        id: n.id,
        label: `${n.data.workload.id}${n.data.workload.inferred ? ' (inferred)' : ''}`,
      });
  }
  for (const n of model.graph.nodes) {
    if (n.data.kind === 'external' && n.data.probeIp !== null)
      out.push({ id: n.id, label: `${n.data.label} (${n.data.probeIp})` });
  }
  return out;
}
