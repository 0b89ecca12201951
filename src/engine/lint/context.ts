// What every lint rule shares: the workspace and its engine index, the workloads a policy or a
// peer picks out, and one way to build a located finding.
import type {
  Namespace,
  NetworkPolicy,
  PolicyPeer,
  Severity,
  SourceRef,
  Workload,
  Workspace,
} from '../../model/types.ts';
import { matchesSelector, selectorKey } from '../../model/selector.ts';
import { policySelects } from '../../model/policy-selection.ts';
import { placedRange } from '../../model/source-place.ts';
import {
  buildEngineIndex,
  namespaceLabelsOf,
  peerMatches,
  portMatches,
  selectingPolicies,
} from '../evaluate.ts';
import type { EngineIndex, Endpoint } from '../evaluate.ts';
import type { Protocol } from '../../model/types.ts';
import type { LintFinding, LintFix, LintOptions, LintRuleId, RelatedLocation } from './types.ts';

export type LintWorkspace = Pick<Workspace, 'namespaces' | 'workloads' | 'policies'> &
  Partial<Pick<Workspace, 'diagnostics' | 'clusterPolicies' | 'documentMoves'>>;

/** The object a finding is about, and the field within it. */
export type Anchor =
  | { readonly policy: NetworkPolicy; readonly path: string }
  | { readonly workload: Workload; readonly path?: string }
  | { readonly namespace: Namespace; readonly workload?: Workload };

export interface FindingInput {
  readonly severity: Severity;
  readonly message: string;
  readonly at: Anchor;
  readonly workloads?: readonly string[];
  readonly related?: readonly { readonly message: string; readonly at: Anchor }[];
  readonly fix?: LintFix;
}

export class LintContext {
  readonly index: EngineIndex;
  /** Workloads written in the text (inferred ones are guesses, not evidence). */
  readonly workloads: readonly Workload[];
  /** Valid policies: a rejected one is never enforced, and validate reports it. */
  readonly policies: readonly NetworkPolicy[];
  readonly findings: LintFinding[] = [];

  constructor(
    readonly ws: LintWorkspace,
    private readonly options: LintOptions,
  ) {
    this.index = buildEngineIndex(ws);
    this.workloads = ws.workloads.filter((w) => !w.inferred);
    this.policies = ws.policies.filter((p) => p.valid);
  }

  /** Whether the text declares namespaces or workloads, so "matches nothing" means something. */
  get knowsCluster(): boolean {
    return this.workloads.length > 0 || this.ws.namespaces.some((n) => !n.inferred);
  }

  /** The valid policies that isolate the workload in a direction (remembered by the engine). */
  isolatedBy(w: Workload, d: 'ingress' | 'egress'): readonly NetworkPolicy[] {
    return selectingPolicies(this.index, w, d);
  }

  /**
   * One side's NetworkPolicy verdict, read from the rules without building explanations (lint
   * runs on every parse): does `subject`'s `d` side allow the flow with `peer` into `dst`?
   */
  sideAllows(
    d: 'ingress' | 'egress',
    subject: Workload,
    peer: Workload,
    dst: Workload,
    port: number,
    protocol: Protocol,
  ): boolean {
    const policies = this.isolatedBy(subject, d);
    if (policies.length === 0) return true;
    const to: Endpoint = { kind: 'workload', workload: dst };
    const from: Endpoint = { kind: 'workload', workload: peer };
    return policies.some((q) =>
      q[d].some(
        (r) =>
          (r.ports === null || r.ports.some((x) => portMatches(x, to, port, protocol))) &&
          (r.peers === null || r.peers.some((x) => peerMatches(this.index, q, x, from))),
      ),
    );
  }

  /** The valid cluster policies (Admin or Baseline tier) whose subject holds the workload. */
  clusterPoliciesOf(w: Workload): string[] {
    const nsLabels = namespaceLabelsOf(this.index, w.namespace);
    return (this.ws.clusterPolicies ?? [])
      .filter(
        (c) =>
          c.valid &&
          matchesSelector(nsLabels, c.subject.namespaceSelector) &&
          (c.subject.podSelector === null || matchesSelector(w.labels, c.subject.podSelector)),
      )
      .map((c) => c.id);
  }

  /** The written workloads of each namespace, in the text's order (made when first asked). */
  private byNamespace: Map<string, Workload[]> | null = null;

  private workloadsIn(namespace: string): readonly Workload[] {
    if (!this.byNamespace) {
      const byNamespace = new Map<string, Workload[]>();
      for (const w of this.workloads) {
        const list = byNamespace.get(w.namespace);
        if (list) list.push(w);
        else byNamespace.set(w.namespace, [w]);
      }
      this.byNamespace = byNamespace;
    }
    return this.byNamespace.get(namespace) ?? [];
  }

  private readonly ofNamespaces = new WeakMap<readonly string[], readonly Workload[]>();

  /** The written workloads of these namespaces, in the text's order (remembered per list). */
  workloadsOf(namespaces: readonly string[]): readonly Workload[] {
    let out = this.ofNamespaces.get(namespaces);
    if (!out) {
      if (namespaces.length === 1) out = this.workloadsIn(namespaces[0] as string);
      else {
        const wanted = new Set(namespaces);
        out = this.workloads.filter((w) => wanted.has(w.namespace));
      }
      this.ofNamespaces.set(namespaces, out);
    }
    return out;
  }

  /** A policy selects pods of its own namespace only: only those are asked. */
  selectedBy(p: NetworkPolicy, direction?: 'ingress' | 'egress'): Workload[] {
    return this.workloadsIn(p.namespace).filter((w) => policySelects(p, w, direction));
  }

  /**
   * The workloads a peer admits, in the text's order. A selector peer is asked only about the
   * workloads of the namespaces it admits: every policy's peers against every workload cost lint
   * ~0.8 s of each parse at 5,000 workloads.
   */
  peerWorkloads(p: NetworkPolicy, peer: PolicyPeer): readonly Workload[] {
    const admits = (w: Workload) =>
      peerMatches(this.index, p, peer, { kind: 'workload', workload: w });
    if (peer.kind !== 'selector') return this.workloads.filter(admits);
    // What a selector peer admits depends on its selectors and, without a namespaceSelector, on
    // the policy's namespace: policies written alike in many namespaces ask once.
    const key = `${peer.namespaceSelector === null ? `=${p.namespace}` : selectorKey(peer.namespaceSelector)}\u0000${peer.podSelector === null ? '*' : selectorKey(peer.podSelector)}`;
    let out = this.admitted.get(key);
    if (!out) {
      const namespaces =
        peer.namespaceSelector === null ? [p.namespace] : this.namespacesMatching(p, peer);
      this.admitted.set(key, (out = this.workloadsOf(namespaces).filter(admits)));
    }
    return out;
  }

  private readonly admitted = new Map<string, readonly Workload[]>();
  private readonly matchingNamespaces = new Map<string, readonly string[]>();

  /** The namespaces a peer admits pods of (the same list for namespaceSelectors written alike). */
  namespacesMatching(p: NetworkPolicy, peer: PolicyPeer): readonly string[] {
    if (peer.kind !== 'selector') return [];
    if (peer.namespaceSelector === null) return [p.namespace];
    const sel = peer.namespaceSelector;
    const key = selectorKey(sel);
    let out = this.matchingNamespaces.get(key);
    if (!out) {
      out = [...this.index.namespaceLabels.keys()].filter((ns) =>
        matchesSelector(namespaceLabelsOf(this.index, ns), sel),
      );
      this.matchingNamespaces.set(key, out);
    }
    return out;
  }

  private position(at: Anchor) {
    let ref: SourceRef | undefined;
    let path: string;
    let object: string | undefined;
    if ('policy' in at) {
      ref = at.policy.source;
      path = at.path;
      object = `NetworkPolicy ${at.policy.id}`;
    } else if ('namespace' in at) {
      ref = at.namespace.source ?? at.workload?.source;
      path = 'metadata.name';
      object = at.namespace.source
        ? `Namespace ${at.namespace.name}`
        : at.workload && `${at.workload.kind} ${at.workload.id}`;
    } else {
      ref = at.workload.source;
      path = at.path ?? 'metadata.name';
      object = `${at.workload.kind} ${at.workload.id}`;
    }
    const range = ref && (this.options.locate?.(ref, path) ?? placedRange(this.ws, ref));
    return {
      document: ref?.document ?? 0,
      ...(ref && ref.objectPath !== '' ? { objectPath: ref.objectPath } : {}),
      ...(object ? { object } : {}),
      path,
      line: range?.line ?? 1,
      column: range?.column ?? 1,
      endLine: range?.endLine ?? range?.line ?? 1,
      endColumn: range?.endColumn ?? range?.column ?? 1,
    };
  }

  report(rule: LintRuleId, f: FindingInput): void {
    if (this.options.disable?.includes(rule)) return;
    const severity = this.options.severity?.[rule] ?? f.severity;
    const related: RelatedLocation[] | undefined = f.related?.map((r) => {
      const { endLine: _l, endColumn: _c, ...at } = this.position(r.at);
      return { message: r.message, ...at };
    });
    this.findings.push({
      severity,
      message: f.message,
      code: rule,
      rule,
      ...this.position(f.at),
      ...('policy' in f.at ? { policy: f.at.policy.id } : {}),
      ...(f.workloads ? { workloads: f.workloads } : {}),
      ...(related && related.length > 0 ? { related } : {}),
      ...(f.fix ? { fix: f.fix } : {}),
    });
  }
}

/** `shop/web, shop/api and 3 more`. */
export function listIds(ids: readonly string[], max = 3): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

export const peersKey = (direction: 'ingress' | 'egress') =>
  direction === 'ingress' ? 'from' : 'to';
