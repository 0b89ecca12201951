// Reads the expectations file of `netpol-canvas check`: a list of flows that must be allowed or
// denied, each kept with its line so a failure points back at it. Bad entries are located
// errors, never a throw.
import type { Protocol } from '../model/types.ts';
import { PROTOCOLS } from '../model/types.ts';
import { labelsFrom } from '../model/selector.ts';
import { parseIp } from '../model/cidr.ts';
import type { Expectation, ExpectedEnd } from '../engine/check-expectations.ts';
import { parseYamlStream } from '../yaml/yaml-tree.ts';
import type { YMap, YNode } from '../yaml/yaml-tree.ts';
import { mapGet } from '../yaml/yaml-tree.ts';
import { resolveKubernetes } from '../yaml/scalars.ts';
import { LineIndex } from '../yaml/text-position.ts';

export interface LocatedExpectation {
  readonly expectation: Expectation;
  readonly line: number;
  readonly column: number;
  /** The entry's `name`, when it has one. */
  readonly name?: string;
}

export interface ExpectationProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

const FIELDS = ['name', 'from', 'to', 'port', 'protocol', 'allowed', 'expect'];
const END_FIELDS = ['namespace', 'name', 'labels', 'ip'];

export function readExpectations(text: string): {
  expectations: LocatedExpectation[];
  problems: ExpectationProblem[];
} {
  const lines = new LineIndex(text);
  const problems: ExpectationProblem[] = [];
  const expectations: LocatedExpectation[] = [];
  const fail = (node: YNode | number, message: string) => {
    const at = lines.position(typeof node === 'number' ? node : node.start);
    problems.push({ ...at, message });
  };
  const bad = (node: YNode | number, message: string): null => {
    fail(node, message);
    return null;
  };
  const scalar = (n: YNode | undefined) => (n?.kind === 'scalar' ? resolveKubernetes(n) : null);
  const str = (n: YNode | undefined): string | null => {
    const s = scalar(n);
    return s && (s.type === 'string' || s.type === 'number') ? String(s.value) : null;
  };

  const stream = parseYamlStream(text);
  for (const doc of stream.documents)
    for (const p of doc.problems) fail(p.offset, `not valid YAML: ${p.message}`);
  if (problems.length > 0) return { expectations, problems };
  const root = stream.documents.find((d) => d.root)?.root;
  const list =
    root?.kind === 'seq' ? root : root?.kind === 'map' ? mapGet(root, 'expectations') : undefined;
  if (list?.kind !== 'seq') {
    fail(root ?? 0, 'expected a list of flows, or a map with an `expectations:` list');
    return { expectations, problems };
  }

  const end = (n: YNode | undefined, field: string, entry: YMap): ExpectedEnd | null => {
    if (n === undefined) return bad(entry, `${field} is required`);
    const s = str(n);
    if (s !== null) return parseIp(s) ? { kind: 'ip', ip: s } : { kind: 'workloads', name: s };
    if (n.kind !== 'map')
      return bad(
        n,
        `${field}: a workload (namespace/name), an IP, or a map with namespace, name, labels`,
      );
    for (const e of n.entries) {
      const key = str(e.key);
      if (key === null || !END_FIELDS.includes(key))
        return bad(
          e.key,
          `${field}: unknown field ${JSON.stringify(key)} (use ${END_FIELDS.join(', ')})`,
        );
    }
    const ip = str(mapGet(n, 'ip'));
    if (ip !== null) {
      if (!parseIp(ip)) return bad(n, `${field}.ip: ${JSON.stringify(ip)} is not an IP address`);
      return { kind: 'ip', ip };
    }
    const labelsNode = mapGet(n, 'labels');
    let labels;
    if (labelsNode !== undefined) {
      if (labelsNode.kind !== 'map')
        return bad(labelsNode, `${field}.labels: a map of label keys to values`);
      const pairs: [string, string][] = [];
      for (const e of labelsNode.entries) {
        const k = str(e.key);
        const v = str(e.value);
        if (k === null || v === null)
          return bad(e.key, `${field}.labels: keys and values are text`);
        pairs.push([k, v]);
      }
      labels = labelsFrom(pairs);
    }
    const namespace = str(mapGet(n, 'namespace'));
    const name = str(mapGet(n, 'name'));
    return {
      kind: 'workloads',
      ...(namespace !== null ? { namespace } : {}),
      ...(name !== null ? { name } : {}),
      ...(labels ? { labels } : {}),
    };
  };

  for (const entry of list.items) {
    if (entry.kind !== 'map') {
      fail(entry, 'each expectation is a map with from, to, port and allowed');
      continue;
    }
    const unknown = entry.entries.find((e) => !FIELDS.includes(str(e.key) ?? ''));
    if (unknown) {
      fail(
        unknown.key,
        `unknown field ${JSON.stringify(str(unknown.key))} (use ${FIELDS.join(', ')})`,
      );
      continue;
    }
    const from = end(mapGet(entry, 'from'), 'from', entry);
    const to = end(mapGet(entry, 'to'), 'to', entry);
    const portNode = mapGet(entry, 'port');
    const portScalar = scalar(portNode);
    let port: number | string | null = null;
    if (
      portScalar?.type === 'number' &&
      portScalar.integer &&
      portScalar.value >= 1 &&
      portScalar.value <= 65535
    )
      port = portScalar.value;
    else if (
      portScalar?.type === 'string' &&
      /^[a-z0-9-]{1,15}$/.test(portScalar.value) &&
      /[a-z]/.test(portScalar.value)
    )
      port = portScalar.value;
    else fail(portNode ?? entry, 'port: a number from 1 to 65535, or a container port name');
    const protocolText = str(mapGet(entry, 'protocol')) ?? 'TCP';
    const protocol = PROTOCOLS.find((p) => p === protocolText.toUpperCase()) as
      Protocol | undefined;
    if (!protocol) fail(mapGet(entry, 'protocol') ?? entry, `protocol: TCP, UDP or SCTP`);
    const allowedNode = mapGet(entry, 'allowed');
    const expectText = str(mapGet(entry, 'expect'));
    const allowedScalar = scalar(allowedNode);
    let allowed: boolean | null = null;
    if (allowedScalar?.type === 'bool') allowed = allowedScalar.value;
    else if (expectText === 'allowed' || expectText === 'allow') allowed = true;
    else if (expectText === 'denied' || expectText === 'deny') allowed = false;
    else
      fail(
        allowedNode ?? mapGet(entry, 'expect') ?? entry,
        'say what is expected: allowed: true|false, or expect: allowed|denied',
      );
    if (!from || !to || port === null || !protocol || allowed === null) continue;
    const name = str(mapGet(entry, 'name'));
    expectations.push({
      expectation: { from, to, port, protocol, allowed },
      ...lines.position(entry.start),
      ...(name !== null ? { name } : {}),
    });
  }
  return { expectations, problems };
}
