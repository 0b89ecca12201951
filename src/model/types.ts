// The workspace model: what the YAML text means, with defaults applied and every object
// pointing back at its source. Pure data: the browser, the worker and the CLI share it.

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** Label maps are null-prototype objects, so keys like `__proto__` stay plain data. */
export type Labels = Readonly<Record<string, string>>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** A selector with nothing in it selects everything. */
export interface LabelSelector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly LabelSelectorRequirement[];
}

export type Severity = 'error' | 'warning' | 'info';

/** A place in the workspace text. Offsets are 0-based; lines and columns are 1-based. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * A located problem. `path` is the API server's field path (`spec.ingress[0].ports[0].endPort`)
 * relative to the object; `objectPath` is where that object sits in its document (`items[2]` for a
 * List item, '' otherwise). `document` is the 0-based index of the YAML document in the stream.
 */
export interface Diagnostic {
  readonly severity: Severity;
  readonly message: string;
  readonly path: string;
  readonly document: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Stable rule id, e.g. `T2`, `S-K7`, `yaml-1.1-bool` (see the validation rules). */
  readonly code: string;
  readonly objectPath?: string;
  /** `Kind ns/name` of the object, when the diagnostic belongs to one. */
  readonly object?: string;
}

/**
 * Where an object came from: its document, its path inside the document, and its text range as
 * it was when the object was read. An edit above the document moves the text but not the object:
 * the workspace's `documentMoves` says how far (`placedRange` in source-place.ts gives the range
 * in the current text). A fresh read's ranges are where they are.
 */
export interface SourceRef {
  readonly document: number;
  readonly objectPath: string;
  readonly range: TextRange;
}

export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

export interface Namespace {
  readonly name: string;
  /** Includes the automatic `kubernetes.io/metadata.name` label. */
  readonly labels: Labels;
  /** True when no Namespace object exists and the namespace is implied by other objects. */
  readonly inferred: boolean;
  readonly source?: SourceRef;
}

export const WORKLOAD_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/**
 * Something that runs pods: a Pod, or a controller's pod template. The engine treats each
 * workload as one endpoint with the labels and ports of its pods.
 */
export interface Workload {
  /** `namespace/name`, unique in the workspace. */
  readonly id: string;
  readonly kind: WorkloadKind;
  readonly name: string;
  readonly namespace: string;
  /** True when metadata.namespace was absent and `default` was assumed. */
  readonly namespaceAssumed: boolean;
  /** The labels of the pods (a Pod's own labels; a controller's `spec.template.metadata.labels`). */
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  /** Pod IPs (`status.podIP`, `status.podIPs`), when known. */
  readonly ips: readonly string[];
  /** Set for inferred workloads: drawn from selectors, not from an object in the text. */
  readonly inferred: boolean;
  /** `spec.hostNetwork: true`: never a subject or a peer of a cluster policy. */
  readonly hostNetwork?: boolean;
  readonly source?: SourceRef;
}

export interface PeerSelector {
  readonly kind: 'selector';
  /** null: every pod (in the selected namespaces). */
  readonly podSelector: LabelSelector | null;
  /** null: the policy's own namespace. */
  readonly namespaceSelector: LabelSelector | null;
}

export interface PeerIpBlock {
  readonly kind: 'ipBlock';
  readonly cidr: string;
  readonly except: readonly string[];
}

export type PolicyPeer = PeerSelector | PeerIpBlock;

export interface PolicyPort {
  readonly protocol: Protocol;
  /** null: every port of the protocol. A string is a named container port. */
  readonly port: number | string | null;
  /** Only with a numeric port. */
  readonly endPort: number | null;
}

export interface PolicyRule {
  /** null: `from`/`to` absent or empty, i.e. every peer. */
  readonly peers: readonly PolicyPeer[] | null;
  /** null: `ports` absent or empty, i.e. every port. */
  readonly ports: readonly PolicyPort[] | null;
}

export interface NetworkPolicy {
  /** `namespace/name`. */
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  readonly namespaceAssumed: boolean;
  readonly podSelector: LabelSelector;
  /** After API-server defaulting (DF2). */
  readonly policyTypes: { readonly ingress: boolean; readonly egress: boolean };
  /** True when policyTypes was absent or empty in the text. */
  readonly policyTypesDefaulted: boolean;
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
  /** False when the object has an error: the API server would reject it, so it is not enforced. */
  readonly valid: boolean;
  readonly source?: SourceRef;
}

/** The cluster-wide tiers around NetworkPolicy: Admin before it, Baseline after it. */
export type ClusterTier = 'Admin' | 'Baseline';
/** v1alpha1's `Allow` is read as `Accept`. */
export type ClusterRuleAction = 'Accept' | 'Deny' | 'Pass';
export type ClusterPolicyKind =
  'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';

/**
 * The pods a cluster policy applies to: every pod of the namespaces its namespaceSelector selects,
 * narrowed by podSelector when the subject is written as `pods` (null for `namespaces`).
 */
export interface ClusterSubject {
  readonly namespaceSelector: LabelSelector;
  readonly podSelector: LabelSelector | null;
}

export type ClusterPeer =
  | { readonly kind: 'namespaces'; readonly namespaceSelector: LabelSelector }
  | {
      readonly kind: 'pods';
      readonly namespaceSelector: LabelSelector;
      readonly podSelector: LabelSelector;
    }
  /** CIDRs; they match pod IPs too. */
  | { readonly kind: 'networks'; readonly cidrs: readonly string[] }
  /** Node IPs: the workspace has no nodes, so these match nothing it holds. */
  | { readonly kind: 'nodes'; readonly nodeSelector: LabelSelector }
  | { readonly kind: 'domainNames'; readonly domainNames: readonly string[] }
  /** No field the reader knows: fails closed (Accept matches nothing; Deny and Pass deny all). */
  | { readonly kind: 'unknown' };

export type ClusterPort =
  /** An inclusive range; a single port has start === end. */
  | {
      readonly kind: 'port';
      readonly protocol: Protocol;
      readonly start: number;
      readonly end: number;
    }
  /** A container port name on the destination pod (any protocol that port declares). */
  | { readonly kind: 'named'; readonly name: string };

export interface ClusterPolicyRule {
  /** The rule's `name` ('' when it has none). */
  readonly name: string;
  readonly action: ClusterRuleAction;
  readonly peers: readonly ClusterPeer[];
  /** null: `protocols` (v1alpha1 `ports`) absent, i.e. every protocol and port. */
  readonly ports: readonly ClusterPort[] | null;
}

/**
 * A policy.networking.k8s.io ClusterNetworkPolicy (v1alpha2), or a v1alpha1 AdminNetworkPolicy
 * (Admin tier) / BaselineAdminNetworkPolicy (Baseline tier) read with its v1alpha1 meaning.
 */
export interface ClusterNetworkPolicy {
  /** The name for a ClusterNetworkPolicy; `AdminNetworkPolicy/<name>` for the v1alpha1 kinds. */
  readonly id: string;
  readonly kind: ClusterPolicyKind;
  readonly apiVersion: string;
  readonly name: string;
  readonly tier: ClusterTier;
  /** Lower is evaluated first (BaselineAdminNetworkPolicy, which has none, reads as 0). */
  readonly priority: number;
  readonly subject: ClusterSubject;
  /** Empty: the policy does not affect this direction. */
  readonly ingress: readonly ClusterPolicyRule[];
  readonly egress: readonly ClusterPolicyRule[];
  /** False when the API server would reject it: never enforced. */
  readonly valid: boolean;
  readonly source?: SourceRef;
}

/** A document or List item that is kept as text but not evaluated. */
export interface OtherObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | null;
  readonly unsupported: boolean;
  readonly source: SourceRef;
}

/** One YAML document of the stream, by text range. */
export interface DocumentSpan {
  readonly index: number;
  /** Offsets in the whole text, including the leading `---` line when present. */
  readonly start: number;
  readonly end: number;
  /** Offset where the document's content starts (after its `---` marker line). */
  readonly contentStart: number;
  readonly empty: boolean;
}

export interface Workspace {
  readonly documents: readonly DocumentSpan[];
  readonly namespaces: readonly Namespace[];
  readonly workloads: readonly Workload[];
  readonly policies: readonly NetworkPolicy[];
  /** ClusterNetworkPolicies (and v1alpha1 Admin/BaselineAdminNetworkPolicies); absent: none. */
  readonly clusterPolicies?: readonly ClusterNetworkPolicy[];
  readonly others: readonly OtherObject[];
  readonly diagnostics: readonly Diagnostic[];
  /**
   * How far each document's objects moved since they were read (an incremental read takes over
   * the objects below an edit as they are: the very objects, not copies with new positions):
   * offsets at `[2 * document]`, lines at `[2 * document + 1]`. Absent: none moved. Diagnostics
   * and document spans are always where they are now.
   */
  readonly documentMoves?: Int32Array;
}

/**
 * An external network the user placed on the canvas (a CIDR and a display name). Kept with the
 * workspace's saved state, like node positions: manifests only mention it through ipBlocks.
 */
export interface ExternalNetwork {
  /** Canonical CIDR (`10.0.0.0/8`). */
  readonly cidr: string;
  /** Display name; empty when the user gave none. */
  readonly name: string;
}

export const METADATA_NAME_LABEL = 'kubernetes.io/metadata.name';
export const DEFAULT_NAMESPACE = 'default';

/** Replace `[start, end)` of the workspace text with `text`. Gestures produce these. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}
