// Removing what a cluster policy edge stands for: one peer of a rule (one CIDR of a `networks`
// peer), the rule when no peer is left, the direction's list when no rule is left, and the whole
// document when the policy has no rule left in either direction (a ClusterNetworkPolicy without
// rules decides nothing: no tier isolates implicitly, so keeping it would only leave a dead object).
//
// The removal is cut out of the text (the item's lines, or the `ingress:` entry), so comments,
// labels, annotations and the other rules of a hand-written policy keep their bytes, v1alpha1
// kinds included; every other document is untouched. The cut is checked by reading the document
// back: when flow style or anchors make the text differ from the model, a v1alpha2 policy gets its
// `spec:` rewritten canonically instead, and a v1alpha1 one is left to the YAML.
import type { ClusterNetworkPolicy, ClusterPeer, TextEdit } from '../model/types.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { applyEdits, detectEol, removeDocument } from '../yaml/edit.ts';
import { mapEntry, mapGet } from '../yaml/yaml-tree.ts';
import type { YMap, YNode, YSeq } from '../yaml/yaml-tree.ts';
import { serializeClusterPolicy } from '../yaml/serialize.ts';
import { sameValue } from './policy-text.ts';
import type { GestureResult } from './policy-text.ts';

type Direction = 'ingress' | 'egress';

export interface ClusterRuleRef {
  readonly policyId: string;
  readonly direction: Direction;
  readonly ruleIndex: number;
  /** null: the whole rule. */
  readonly peerIndex: number | null;
  /** The CIDR an edge to a network stands for: a `networks` peer naming others keeps them. */
  readonly cidr?: string;
}

/** What to cut, innermost first in meaning: a CIDR, a peer, a rule, a direction's list. */
type Cut =
  | {
      readonly kind: 'cidr';
      readonly direction: Direction;
      readonly rule: number;
      readonly peer: number;
      readonly cidr: number;
    }
  | {
      readonly kind: 'peer';
      readonly direction: Direction;
      readonly rule: number;
      readonly peer: number;
    }
  | { readonly kind: 'rule'; readonly direction: Direction; readonly rule: number }
  | { readonly kind: 'direction'; readonly direction: Direction };

/** The policy after the removals, and the cuts that make it from the text. */
export function planRemoval(
  policy: ClusterNetworkPolicy,
  refs: readonly Omit<ClusterRuleRef, 'policyId'>[],
):
  | { readonly next: ClusterNetworkPolicy; readonly cuts: readonly Cut[] }
  | { readonly error: string } {
  const cuts: Cut[] = [];
  const next = { ...policy } as {
    -readonly [K in keyof ClusterNetworkPolicy]: ClusterNetworkPolicy[K];
  };
  for (const direction of ['ingress', 'egress'] as const) {
    const mine = refs.filter((r) => r.direction === direction);
    for (const r of mine)
      if (!policy[direction][r.ruleIndex])
        return { error: `${policy.id} has no ${direction} rule ${r.ruleIndex + 1}` };
    if (mine.length === 0) continue;
    const rules = policy[direction].flatMap((rule, i) => {
      const here = mine.filter((r) => r.ruleIndex === i);
      if (here.length === 0) return [rule];
      if (here.some((r) => r.peerIndex === null)) {
        cuts.push({ kind: 'rule', direction, rule: i });
        return [];
      }
      const peerCuts: Cut[] = [];
      const peers = rule.peers.flatMap((peer, j): ClusterPeer[] => {
        const at = here.filter((r) => r.peerIndex === j);
        if (at.length === 0) return [peer];
        const cidrs =
          peer.kind === 'networks' && at.every((r) => r.cidr !== undefined)
            ? peer.cidrs.filter((c) => !at.some((r) => r.cidr === c))
            : [];
        if (peer.kind === 'networks' && cidrs.length > 0 && cidrs.length < peer.cidrs.length) {
          peer.cidrs.forEach((c, k) => {
            if (!cidrs.includes(c))
              peerCuts.push({ kind: 'cidr', direction, rule: i, peer: j, cidr: k });
          });
          return [{ ...peer, cidrs }];
        }
        peerCuts.push({ kind: 'peer', direction, rule: i, peer: j });
        return [];
      });
      if (peers.length === 0) {
        cuts.push({ kind: 'rule', direction, rule: i });
        return [];
      }
      cuts.push(...peerCuts);
      return [{ ...rule, peers }];
    });
    if (rules.length === 0) {
      // The whole list goes: its rules' own cuts are inside it.
      for (let k = cuts.length - 1; k >= 0; k--)
        if (cuts[k]?.direction === direction) cuts.splice(k, 1);
      cuts.push({ kind: 'direction', direction });
    }
    next[direction] = rules;
  }
  return { next, cuts };
}

const isBlockMap = (n: YNode | null | undefined): n is YMap =>
  n?.kind === 'map' && !n.flow && n.duplicates.length === 0;
const isBlockSeq = (n: YNode | undefined): n is YSeq => n?.kind === 'seq' && !n.flow;

/** Past the end of the line holding `pos` (only blanks or a comment may follow), or null. */
function lineEndAfter(text: string, pos: number): number | null {
  if (pos > 0 && (text[pos - 1] === '\n' || text[pos - 1] === '\r')) return pos;
  const rest = /[ \t]*(?:#[^\r\n]*)?(?:\r\n|\n|\r|$)/y;
  rest.lastIndex = pos;
  return rest.exec(text) ? rest.lastIndex : null;
}

/** Start of the line holding `pos` when only blanks precede it there, or null. */
function lineStartBefore(text: string, pos: number): number | null {
  const start = Math.max(text.lastIndexOf('\n', pos - 1), text.lastIndexOf('\r', pos - 1)) + 1;
  return text.slice(start, pos).trim() === '' ? start : null;
}

/** The lines of a block sequence's item, from its `-` line to the end of its last line. */
function itemLines(text: string, seq: YNode | undefined, index: number): [number, number] | null {
  if (!isBlockSeq(seq)) return null;
  const item = seq.items[index];
  if (!item) return null;
  let dash = item.start - 1;
  while (dash >= 0 && (text[dash] === ' ' || text[dash] === '\t')) dash--;
  if (text[dash] !== '-') return null;
  const start = lineStartBefore(text, dash);
  const end = lineEndAfter(text, item.end);
  return start === null || end === null ? null : [start, end];
}

/** The lines of a block map's entry, from its key's line to the end of its value's last line. */
function entryLines(text: string, map: YMap, key: string): [number, number] | null {
  const entry = mapEntry(map, key);
  if (!entry) return null;
  const start = lineStartBefore(text, entry.key.start);
  const end = lineEndAfter(text, Math.max(entry.value.end, entry.key.end));
  return start === null || end === null ? null : [start, end];
}

function cutRange(text: string, spec: YMap, cut: Cut, v1: boolean): [number, number] | null {
  if (cut.kind === 'direction') return entryLines(text, spec, cut.direction);
  const rules = mapGet(spec, cut.direction);
  if (cut.kind === 'rule') return itemLines(text, rules, cut.rule);
  const rule = isBlockSeq(rules) ? rules.items[cut.rule] : undefined;
  const peers = isBlockMap(rule)
    ? mapGet(rule, cut.direction === 'ingress' ? 'from' : 'to')
    : undefined;
  if (cut.kind === 'peer') return itemLines(text, peers, cut.peer);
  const peer = isBlockSeq(peers) ? peers.items[cut.peer] : undefined;
  return isBlockMap(peer) && !v1 ? itemLines(text, mapGet(peer, 'networks'), cut.cidr) : null;
}

const meaning = (p: ClusterNetworkPolicy) => ({
  kind: p.kind,
  name: p.name,
  tier: p.tier,
  priority: p.priority,
  subject: p.subject,
  ingress: p.ingress,
  egress: p.egress,
});

/** The cuts as text edits, when the document read back after them is exactly `next`. */
function cutEdits(
  text: string,
  ws: ReadResult,
  policy: ClusterNetworkPolicy,
  next: ClusterNetworkPolicy,
  cuts: readonly Cut[],
): TextEdit[] | null {
  const document = policy.source?.document ?? -1;
  const root = ws.stream.documents[document]?.root;
  const span = ws.documents[document];
  const spec = isBlockMap(root) ? mapGet(root, 'spec') : undefined;
  if (!span || !isBlockMap(spec)) return null;
  const edits: TextEdit[] = [];
  for (const cut of cuts) {
    const range = cutRange(text, spec, cut, policy.kind !== 'ClusterNetworkPolicy');
    if (!range || range[0] < span.start || range[1] > span.end) return null;
    edits.push({ start: range[0], end: range[1], text: '' });
  }
  let after: string;
  try {
    after = applyEdits(
      text.slice(span.start, span.end),
      edits.map((e) => ({ ...e, start: e.start - span.start, end: e.end - span.start })),
    );
  } catch {
    return null;
  }
  const read = readWorkspace(after);
  const back = read.clusterPolicies?.[0];
  const fine =
    back !== undefined &&
    read.clusterPolicies?.length === 1 &&
    back.valid === policy.valid &&
    sameValue(meaning(back), meaning(next));
  return fine ? edits : null;
}

/** The `spec:` entry of a v1alpha2 policy rewritten canonically (metadata keeps its bytes). */
function specEdit(
  text: string,
  ws: ReadResult,
  policy: ClusterNetworkPolicy,
  next: ClusterNetworkPolicy,
): TextEdit | null {
  if (policy.kind !== 'ClusterNetworkPolicy') return null;
  const root = ws.stream.documents[policy.source?.document ?? -1]?.root;
  if (!isBlockMap(root)) return null;
  const range = entryLines(text, root, 'spec');
  const entry = mapEntry(root, 'spec');
  if (!range || !entry || range[0] !== entry.key.start) return null;
  const canonical = serializeClusterPolicy(next);
  const block = canonical.slice(canonical.search(/^spec:/m));
  const eol = detectEol(text);
  return { start: range[0], end: range[1], text: eol === '\n' ? block : block.replace(/\n/g, eol) };
}

const kindName = (p: ClusterNetworkPolicy) => `${p.kind} ${p.name}`;

function ruleText(p: ClusterNetworkPolicy, direction: Direction, i: number): string {
  const name = p[direction][i]?.name;
  return `${direction} rule ${i + 1}${name ? ` (${name})` : ''}`;
}

/** The text edit removing what the refs name from one cluster policy (see the module header). */
export function removeFromClusterPolicy(
  text: string,
  ws: ReadResult,
  policy: ClusterNetworkPolicy,
  refs: readonly Omit<ClusterRuleRef, 'policyId'>[],
  what: string,
): GestureResult {
  if (!policy.source || policy.source.objectPath !== '')
    return {
      error: `${policy.id} is an item of a List: edit it in the YAML, or split the List into documents`,
    };
  const plan = planRemoval(policy, refs);
  if ('error' in plan) return plan;
  const { next, cuts } = plan;
  if (cuts.length === 0) return { edits: [], summary: `nothing of ${policy.id} to remove` };
  if (next.ingress.length === 0 && next.egress.length === 0) {
    const edit = removeDocument(text, policy.source.document);
    if (!edit) return { error: `${policy.id} was not found` };
    return { edits: [edit], summary: `removed ${kindName(policy)}, which held only ${what}` };
  }
  const cut = cutEdits(text, ws, policy, next, cuts);
  const edits = cut ?? [specEdit(text, ws, policy, next)].filter((e): e is TextEdit => e !== null);
  if (edits.length === 0)
    return {
      error: `${policy.id} is written in a form this edit cannot cut cleanly (flow style or anchors): edit it in the YAML${policy.kind === 'ClusterNetworkPolicy' ? '' : ', or migrate it to v1alpha2 first'}`,
    };
  return { edits, summary: `removed ${what} from ${kindName(policy)}` };
}

/** Removes the rule (or its one peer) that a cluster policy edge on the canvas stands for. */
export function removeClusterRule(
  text: string,
  ws: ReadResult,
  ref: ClusterRuleRef,
): GestureResult {
  const policy = ws.clusterPolicies?.find((p) => p.id === ref.policyId);
  if (!policy) return { error: `no cluster policy ${ref.policyId}` };
  const rule = policy[ref.direction][ref.ruleIndex];
  if (!rule) return { error: `${policy.id} has no ${ref.direction} rule ${ref.ruleIndex + 1}` };
  const peer = ref.peerIndex === null ? undefined : rule.peers[ref.peerIndex];
  if (ref.peerIndex !== null && !peer)
    return {
      error: `${ruleText(policy, ref.direction, ref.ruleIndex)} of ${policy.id} has no peer ${ref.peerIndex + 1}`,
    };
  const rt = ruleText(policy, ref.direction, ref.ruleIndex);
  const what =
    peer?.kind === 'networks' && ref.cidr !== undefined && peer.cidrs.length > 1
      ? `${ref.cidr} of ${rt}`
      : peer && rule.peers.length > 1
        ? `peer ${(ref.peerIndex ?? 0) + 1} of ${rt}`
        : rt;
  return removeFromClusterPolicy(text, ws, policy, [ref], what);
}
