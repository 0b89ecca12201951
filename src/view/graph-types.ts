// The canvas graph as plain data, independent of React Flow: what build-graph produces and the
// layout, highlighting and canvas components consume.
import type { ClusterRuleAction, ClusterTier, Protocol, Workload } from '../model/types.ts';

export interface Isolation {
  readonly ingress: boolean;
  readonly egress: boolean;
}

export interface NamespaceNodeData {
  readonly kind: 'namespace';
  readonly name: string;
  readonly inferred: boolean;
  /** A policy selecting every pod of the namespace isolates this direction with no rule for it. */
  readonly defaultDeny: Isolation;
  readonly workloadCount: number;
  readonly ariaLabel: string;
  /** Drawn as one node, its workloads folded in (src/view/collapse.ts). */
  readonly collapsed?: boolean;
  /** Rules between the namespace's own workloads, folded into a collapsed namespace. */
  readonly innerRules?: number;
}

export interface WorkloadNodeData {
  readonly kind: 'workload';
  readonly workload: Workload;
  readonly isolation: Isolation;
  /** Ids of the valid policies selecting the workload, per direction. */
  readonly policies: { readonly ingress: readonly string[]; readonly egress: readonly string[] };
  readonly ariaLabel: string;
}

export interface ExternalNodeData {
  readonly kind: 'external';
  /** null: the "anywhere" node of rules without peers. */
  readonly cidr: string | null;
  readonly label: string;
  readonly except: readonly string[];
  /** An address inside the CIDR (outside its excepts) used to probe flows, when one exists. */
  readonly probeIp: string | null;
  /** Placed by the user from the toolbar (so it can be taken off the canvas again). */
  readonly placed: boolean;
  readonly ariaLabel: string;
}

export type GraphNodeData = NamespaceNodeData | WorkloadNodeData | ExternalNodeData;

export interface GraphNode {
  readonly id: string;
  /** The namespace group node a workload sits in. */
  readonly parent?: string;
  readonly data: GraphNodeData;
  readonly width: number;
  readonly height: number;
}

export type Direction = 'ingress' | 'egress';

/** One policy rule peer drawn toward (ingress) or from (egress) the pods the policy selects. */
export interface PolicyEdgeData {
  readonly kind: 'policy';
  readonly policyId: string;
  readonly direction: Direction;
  readonly ruleIndex: number;
  /** null: the rule has no peers (every source or destination). */
  readonly peerIndex: number | null;
  readonly portsLabel: string;
  /** 0–359: every rule of one policy shares it. */
  readonly hue: number;
  /** 0 for the first edge between two nodes, 1 for the next…: parallel edges fan out. */
  readonly lane: number;
  readonly ariaLabel: string;
  /**
   * When an end is drawn as a namespace but stands for some of its pods only (an AND peer, or the
   * pods the policy selects, grouped because they are many): "from pods app=web".
   */
  readonly only?: string;
  /** Several rules drawn as one edge because an end is a collapsed namespace. */
  readonly aggregate?: { readonly rules: number; readonly policies: readonly string[] };
  /**
   * A ClusterNetworkPolicy rule (absent for a NetworkPolicy): its tier and action, drawn in the
   * label ("Admin Deny") and the stroke, so a cluster rule never reads like a NetworkPolicy one.
   */
  readonly cluster?: ClusterEdgeData;
}

export interface ClusterEdgeData {
  readonly tier: ClusterTier;
  readonly action: ClusterRuleAction;
  readonly priority: number;
  /** The rule's `name`, '' when it has none. */
  readonly ruleName: string;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly data: PolicyEdgeData;
}

export interface Graph {
  /** Parents before children, as React Flow requires. */
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly nodeById: ReadonlyMap<string, GraphNode>;
  readonly edgeById: ReadonlyMap<string, GraphEdge>;
}

/**
 * A graph whose edge index is built when first asked for: only gestures and the inspector look
 * edges up by id, and hashing 25,000 long ids cost a third of building a 5,000-workload graph.
 */
export function graphOf(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  nodeById: ReadonlyMap<string, GraphNode>,
): Graph {
  let edgeById: Map<string, GraphEdge> | undefined;
  return {
    nodes,
    edges,
    nodeById,
    get edgeById() {
      return (edgeById ??= new Map(edges.map((e) => [e.id, e])));
    },
  };
}

/** One probed port of a flow between the selected workload and another node. */
export interface PortVerdict {
  readonly port: number;
  readonly protocol: Protocol;
  readonly allowed: boolean;
}

/** Everything between the selected workload and one other node in one direction. */
export interface FlowSummary {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** 'out': from the selected workload; 'in': toward it. */
  readonly direction: 'out' | 'in';
  readonly ports: readonly PortVerdict[];
  /** 'allowed': every probed port; 'partial': some; 'denied': none. */
  readonly state: 'allowed' | 'partial' | 'denied';
  readonly ariaLabel: string;
  /**
   * A namespace's flows drawn as one edge (large workspaces): the flows of each of its workloads,
   * whose ids are not drawn but can be explained. Absent for a single flow.
   */
  readonly members?: readonly FlowSummary[];
  /** With `members`: how many of them are allowed, partial and denied. */
  readonly counts?: FlowCounts;
}

export interface FlowCounts {
  readonly allowed: number;
  readonly partial: number;
  readonly denied: number;
}

export const NODE_SIZE = {
  workload: { width: 200, height: 96 },
  external: { width: 170, height: 54 },
  namespaceHeader: 52,
  namespacePadding: 20,
} as const;

export const namespaceNodeId = (name: string): string => `ns:${name}`;
export const externalNodeId = (cidr: string | null): string => `ext:${cidr ?? '*'}`;
