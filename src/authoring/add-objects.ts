// Adding a namespace or a workload from the toolbar: appended documents, checked with the API
// server's name rules first so the text never gains an object the server would reject.
import { dump } from 'js-yaml';
import type { Labels, Protocol } from '../model/types.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { appendDocument } from '../yaml/edit.ts';
import {
  dns1123Label,
  dns1123Subdomain,
  labelValue,
  qualifiedName,
  portName,
} from '../yaml/validation-messages.ts';
import type { GestureResult } from './policy-text.ts';

export interface NewWorkload {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly ports: readonly {
    readonly name?: string;
    readonly port: number;
    readonly protocol: Protocol;
  }[];
}

/** Reads `app=web, tier=front` into labels, or says what is wrong. */
export function parseLabelList(text: string): Labels | { error: string } {
  const out = Object.create(null) as Record<string, string>;
  for (const part of text.split(/[,\s]+/).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { error: `“${part}” is not key=value` };
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    const problem = qualifiedName(key)[0] ?? labelValue(value)[0];
    if (problem) return { error: `${part}: ${problem.text}` };
    out[key] = value;
  }
  return out;
}

// Never anchors and aliases (`&ref_0`, `*ref_0`): a Deployment's selector and template share one
// label object, and people (and some tools) expect plain repeated maps in manifests.
const DUMP_OPTIONS = { lineWidth: -1, noRefs: true } as const;

function namespaceDoc(name: string): string {
  return dump({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, DUMP_OPTIONS);
}

export function addNamespace(text: string, ws: ReadResult, name: string): GestureResult {
  const problem = dns1123Label(name)[0];
  if (problem) return { error: `namespace ${JSON.stringify(name)}: ${problem.text}` };
  if (ws.namespaces.some((n) => n.name === name && !n.inferred))
    return { error: `namespace ${name} already exists` };
  return { edits: [appendDocument(text, namespaceDoc(name))], summary: `added namespace ${name}` };
}

export function addWorkload(text: string, ws: ReadResult, w: NewWorkload): GestureResult {
  const nsProblem = dns1123Label(w.namespace)[0];
  if (nsProblem) return { error: `namespace ${JSON.stringify(w.namespace)}: ${nsProblem.text}` };
  const nameProblem = dns1123Subdomain(w.name)[0];
  if (nameProblem) return { error: `name ${JSON.stringify(w.name)}: ${nameProblem.text}` };
  if (ws.workloads.some((x) => x.namespace === w.namespace && x.name === w.name)) {
    return { error: `${w.namespace}/${w.name} already exists` };
  }
  for (const p of w.ports) {
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535)
      return { error: `port ${p.port}: must be between 1 and 65535` };
    const bad = p.name ? portName(p.name)[0] : undefined;
    if (bad) return { error: `port name ${JSON.stringify(p.name)}: ${bad}` };
  }
  // A selector needs labels: without any, the workload is labelled app=<name>.
  const labels: Record<string, string> =
    Object.keys(w.labels).length > 0 ? { ...w.labels } : { app: w.name };
  const container: Record<string, unknown> = {
    name: w.name,
    image: 'registry.example/replace-me:latest',
  };
  if (w.ports.length > 0) {
    container['ports'] = w.ports.map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      containerPort: p.port,
      protocol: p.protocol,
    }));
  }
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: w.name, namespace: w.namespace },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [container] } },
    },
  };
  const known = ws.namespaces.some((n) => n.name === w.namespace && !n.inferred);
  const docs = [...(known ? [] : [namespaceDoc(w.namespace)]), dump(deployment, DUMP_OPTIONS)];
  return {
    edits: [appendDocument(text, docs.join('---\n'))],
    summary: `added Deployment ${w.namespace}/${w.name}${known ? '' : ` and namespace ${w.namespace}`}`,
  };
}
