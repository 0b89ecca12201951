// A NetworkPolicy in plain words: what it selects, what it isolates, and what each rule admits.
// One peer with two selectors reads "pods X **and** namespaces Y"; several peers read "… **or** …",
// so the classic one-dash-or-two pitfall shows in the words. Conjunctions are `strong` tokens.
import { displayText } from '../model/display-text.ts';
import { isEmptySelector, matchesSelector } from '../model/selector.ts';
import type {
  LabelSelector,
  LabelSelectorRequirement,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  Workspace,
} from '../model/types.ts';
import { buildEngineIndex, peerMatches } from '../engine/evaluate.ts';
import type { EngineIndex } from '../engine/evaluate.ts';

/** A run of text; `strong` marks the AND/OR conjunctions the UI draws in bold. */
export interface WordToken {
  readonly text: string;
  readonly strong?: boolean;
}

/** Tokens for drawing, and the same text flat (for aria labels and tests). */
export interface Words {
  readonly tokens: readonly WordToken[];
  readonly text: string;
}

export type RuleDirection = 'ingress' | 'egress';

/** What a rule's peers match among the workspace's workloads. */
export interface Admitted {
  /** Workload ids (`ns/name`) its peers match; every workload when the rule has no peers. */
  readonly workloads: readonly string[];
  readonly total: number;
  /** The rule has no `from`/`to`: every workload and every address. */
  readonly anyone: boolean;
  /** The rule has ipBlock peers: addresses outside the workspace too. */
  readonly addresses: boolean;
  readonly text: string;
}

export interface RuleWords extends Words {
  readonly direction: RuleDirection;
  /** 0-based, as in the field path. */
  readonly index: number;
  /** `spec.ingress[0]`: the rule's place in the policy, for links to the YAML. */
  readonly path: string;
  /** `Ingress rule 1` */
  readonly label: string;
  /** The rule without its label: "from pods app=a **or** …, on TCP 80". */
  readonly body: Words;
  readonly admits?: Admitted;
}

export interface DirectionWords {
  readonly direction: RuleDirection;
  /** The direction is in policyTypes (after defaulting). */
  readonly isolated: boolean;
  readonly rules: readonly RuleWords[];
  /** "denies all ingress" (isolated, no rule) or "ingress rules have no effect: …"; else null. */
  readonly summary: Words | null;
}

export interface PolicyWords {
  readonly id: string;
  /** "pods app=api in namespace shop" / "every pod in namespace shop". */
  readonly selects: Words;
  /** Ids of the workspace's workloads it selects, when given a workspace. */
  readonly selected?: readonly string[];
  /** "2 workloads" / "no workload in this workspace", when given a workspace. */
  readonly selectedText?: string;
  /** "ingress and egress". */
  readonly isolatesFor: string;
  /** "isolates them for ingress and egress". */
  readonly isolation: Words;
  /** Ingress then egress; a direction neither isolated nor holding rules is left out. */
  readonly directions: readonly DirectionWords[];
}

/** User strings (label keys and values, names, CIDRs, port names): visible characters, bounded. */
const user = (s: string, max = 63) => displayText(s, max);

const plain = (text: string): WordToken => ({ text });
const strong = (text: string): WordToken => ({ text, strong: true });

function words(tokens: readonly WordToken[]): Words {
  // Adjacent plain runs merge, so the tokens stay few and tests can read them.
  const merged: WordToken[] = [];
  for (const t of tokens) {
    if (t.text === '') continue;
    const last = merged[merged.length - 1];
    if (last && !last.strong && !t.strong) merged[merged.length - 1] = plain(last.text + t.text);
    else merged.push(t);
  }
  return { tokens: merged, text: merged.map((t) => t.text).join('') };
}

function requirementText(r: LabelSelectorRequirement): string {
  const values = r.values.map((v) => user(v)).join(', ');
  switch (r.operator) {
    case 'In':
      return `${user(r.key)} in (${values})`;
    case 'NotIn':
      return `${user(r.key)} not in (${values})`;
    case 'Exists':
      return `has label ${user(r.key)}`;
    case 'DoesNotExist':
      return `no label ${user(r.key)}`;
  }
}

/** "app=api, tier in (web, api), has label team": every requirement must hold. */
export function selectorWords(s: LabelSelector): string {
  return [
    ...Object.keys(s.matchLabels).map((k) => `${user(k)}=${user(s.matchLabels[k] ?? '')}`),
    ...s.matchExpressions.map(requirementText),
  ].join(', ');
}

function peerTokens(policy: NetworkPolicy, peer: PolicyPeer): WordToken[] {
  if (peer.kind === 'ipBlock') {
    const except = peer.except.map((c) => user(c, 50)).join(', ');
    return [plain(`${user(peer.cidr, 50)}${except ? ` except ${except}` : ''}`)];
  }
  const pods =
    peer.podSelector === null || isEmptySelector(peer.podSelector)
      ? null
      : `pods ${selectorWords(peer.podSelector)}`;
  if (peer.namespaceSelector === null) {
    const here = `in this policy's namespace (${user(policy.namespace)})`;
    return [plain(`${pods ?? 'every pod'} ${here}`)];
  }
  if (isEmptySelector(peer.namespaceSelector))
    return [plain(`${pods ?? 'every pod'} in every namespace`)];
  const namespaces = `namespaces ${selectorWords(peer.namespaceSelector)}`;
  // Both selectors in one peer: a pod must match both. This is the "and" people misread as "or".
  if (pods !== null) return [plain(`${pods} `), strong('and'), plain(` ${namespaces}`)];
  return [plain(`every pod in ${namespaces}`)];
}

function portText(p: PolicyPort): string {
  if (p.port === null) return `every ${p.protocol} port`;
  if (typeof p.port === 'string') return `${p.protocol} port named ${user(p.port, 40)}`;
  if (p.endPort !== null && p.endPort !== p.port) return `${p.protocol} ${p.port}–${p.endPort}`;
  return `${p.protocol} ${p.port}`;
}

/** "on TCP 80, UDP 53" / "on every port". */
export function portsWords(ports: readonly PolicyPort[] | null): string {
  return ports === null ? 'on every port' : `on ${ports.map(portText).join(', ')}`;
}

/** "from pods app=a **or** 10.0.0.0/8, on TCP 80" (ingress) or "to …" (egress). */
export function ruleBodyWords(
  policy: NetworkPolicy,
  rule: PolicyRule,
  direction: RuleDirection,
): Words {
  const tokens: WordToken[] = [plain(direction === 'ingress' ? 'from ' : 'to ')];
  if (rule.peers === null) tokens.push(plain('anywhere'));
  else
    rule.peers.forEach((peer, i) => {
      if (i > 0) tokens.push(plain(' '), strong('or'), plain(' '));
      tokens.push(...peerTokens(policy, peer));
    });
  tokens.push(plain(`, ${portsWords(rule.ports)}`));
  return words(tokens);
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function listed(ids: readonly string[], max = 3): string {
  const shown = ids.slice(0, max).map((id) => user(id, 60));
  return ids.length > max ? `${shown.join(', ')} and ${ids.length - max} more` : shown.join(', ');
}

function admitted(
  index: EngineIndex,
  policy: NetworkPolicy,
  rule: PolicyRule,
  direction: RuleDirection,
): Admitted {
  const all = index.workloads;
  const side = direction === 'ingress' ? 'from' : 'to';
  if (rule.peers === null)
    return {
      workloads: all.map((w) => w.id),
      total: all.length,
      anyone: true,
      addresses: true,
      text: `admits traffic ${side} every workload and every address`,
    };
  const peers = rule.peers;
  const ids = all
    .filter((w) =>
      peers.some((p) => peerMatches(index, policy, p, { kind: 'workload', workload: w })),
    )
    .map((w) => w.id);
  const addresses = peers.some((p) => p.kind === 'ipBlock');
  const some =
    ids.length === 0
      ? `no workload of this workspace`
      : `${ids.length} of ${count(all.length, 'workload')} (${listed(ids)})`;
  return {
    workloads: ids,
    total: all.length,
    anyone: false,
    addresses,
    text: `admits traffic ${side} ${some}${addresses ? ', and the addresses of its ipBlocks' : ''}`,
  };
}

function directionWords(
  policy: NetworkPolicy,
  direction: RuleDirection,
  index: EngineIndex | undefined,
): DirectionWords {
  const isolated = policy.policyTypes[direction];
  const name = capital(direction);
  const rules = policy[direction].map((rule, i): RuleWords => {
    const body = ruleBodyWords(policy, rule, direction);
    const label = `${name} rule ${i + 1}`;
    return {
      direction,
      index: i,
      path: `spec.${direction}[${i}]`,
      label,
      body,
      tokens: words([plain(`${label}: `), ...body.tokens]).tokens,
      text: `${label}: ${body.text}`,
      ...(index ? { admits: admitted(index, policy, rule, direction) } : {}),
    };
  });
  let summary: Words | null = null;
  if (isolated && rules.length === 0) summary = words([plain(`denies all ${direction}`)]);
  else if (!isolated && rules.length > 0)
    summary = words([plain(`${name} rules have no effect: policyTypes leaves out ${name}`)]);
  return { direction, isolated, rules, summary };
}

const indexes = new WeakMap<object, EngineIndex>();
function indexOf(ws: Pick<Workspace, 'namespaces' | 'workloads' | 'policies'>): EngineIndex {
  let index = indexes.get(ws);
  if (!index) {
    index = buildEngineIndex(ws);
    indexes.set(ws, index);
  }
  return index;
}

/** Ids of the workspace's workloads a policy selects (its namespace, its podSelector). */
export function selectedWorkloads(
  policy: NetworkPolicy,
  workspace: Pick<Workspace, 'workloads'>,
): string[] {
  return workspace.workloads
    .filter(
      (w) => w.namespace === policy.namespace && matchesSelector(w.labels, policy.podSelector),
    )
    .map((w) => w.id);
}

/**
 * The policy in words. With a workspace (or its engine index, which must be built over the same
 * workloads), also how many workloads it selects and what each rule's peers match.
 */
export function policyWords(
  policy: NetworkPolicy,
  workspace?: Pick<Workspace, 'namespaces' | 'workloads' | 'policies'>,
  index?: EngineIndex,
): PolicyWords {
  const ns = user(policy.namespace);
  const selects = words([
    plain(
      isEmptySelector(policy.podSelector)
        ? `every pod in namespace ${ns}`
        : `pods ${selectorWords(policy.podSelector)} in namespace ${ns}`,
    ),
  ]);
  const types = (['ingress', 'egress'] as const).filter((d) => policy.policyTypes[d]);
  const isolatesFor = types.length === 0 ? 'nothing' : types.join(' and ');
  const isolation = words([
    plain(types.length === 0 ? 'does not isolate them' : `isolates them for ${isolatesFor}`),
  ]);
  const engine = index ?? (workspace ? indexOf(workspace) : undefined);
  const directions = (['ingress', 'egress'] as const)
    .map((d) => directionWords(policy, d, engine))
    .filter((d) => d.isolated || d.rules.length > 0);
  const selected = workspace ? selectedWorkloads(policy, workspace) : undefined;
  return {
    id: policy.id,
    selects,
    ...(selected
      ? {
          selected,
          selectedText:
            selected.length === 0
              ? 'no workload in this workspace'
              : count(selected.length, 'workload'),
        }
      : {}),
    isolatesFor,
    isolation,
    directions,
  };
}
