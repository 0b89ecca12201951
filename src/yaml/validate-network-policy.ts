// ValidateNetworkPolicySpec as the API server runs it on create: selectors, peers, ipBlocks,
// ports and policyTypes, in the server's order and wording.
import { cidrStrictSubset, formatCidr, formatIp, parseCidr } from '../model/cidr.ts';
import type { Cidr } from '../model/cidr.ts';
import { invalid, validateLabels } from './validate-object-meta.ts';
import type { Finding } from './validate-object-meta.ts';
import { goValue, labelValue, portName, portNumber, qualifiedName } from './validation-messages.ts';
import type { Message } from './validation-messages.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
/** A missing list: shared, never written (no fresh empty list per field asked about). */
const NONE: readonly unknown[] = Object.freeze([]);
const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : NONE);

const CIDR_DETAIL = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/**
 * The findings of a label selector, added to `out` (and it is returned). Indexed loops and one list
 * for a whole spec: this runs for every selector of a dump, mostly before the optimising compiler
 * takes it, where each `forEach` closure, spread and for-of allocates.
 */
export function validateLabelSelector(
  selector: Obj | undefined,
  path: string,
  out: Finding[] = [],
): Finding[] {
  if (!selector) return out;
  const matchLabels = obj(selector['matchLabels']);
  if (matchLabels) validateLabels(matchLabels, `${path}.matchLabels`, 'S1', 'S2', out);
  const expressions = arr(selector['matchExpressions']);
  for (let i = 0; i < expressions.length; i++) {
    const req = obj(expressions[i]) ?? {};
    const p = `${path}.matchExpressions[${i}]`;
    const operator = typeof req['operator'] === 'string' ? req['operator'] : '';
    const values = arr(req['values']);
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) {
        out.push({
          severity: 'error',
          code: 'S4',
          path: `${p}.values`,
          at: req['values'] === undefined ? p : `${p}.values`,
          message: `${p}.values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
        });
      }
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) {
        out.push({
          severity: 'error',
          code: 'S5',
          path: `${p}.values`,
          message: `${p}.values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
        });
      }
    } else {
      out.push({
        ...invalid(`${p}.operator`, operator, 'not a valid selector operator', 'S3'),
        // LabelSelectorOperator is a named string type: printed as JSON.
        message: `${p}.operator: Invalid value: ${goValue(operator, true)}: not a valid selector operator`,
        ...(req['operator'] === undefined ? { at: p } : {}),
      });
    }
    const key = typeof req['key'] === 'string' ? req['key'] : '';
    const keyMessages = qualifiedName(key);
    for (let k = 0; k < keyMessages.length; k++) {
      const m = keyMessages[k] as Message;
      out.push({
        ...invalid(`${p}.key`, key, m.text, 'S6'),
        ...(req['key'] === undefined ? { at: p } : {}),
      });
    }
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      const messages = labelValue(String(v));
      for (let k = 0; k < messages.length; k++)
        out.push(invalid(`${p}.values[${j}]`, v, (messages[k] as Message).text, 'S7'));
    }
  }
  return out;
}

function validateCidrText(
  text: string,
  path: string,
  code: string,
  /** The findings are added to this list. */
  findings: Finding[],
): Cidr | null {
  const c = parseCidr(text);
  if (!c) {
    findings.push(invalid(path, text, CIDR_DETAIL, code));
    return null;
  }
  // KEP-4858 warnings: accepted by default clusters, rejected under StrictIPCIDRValidation.
  if (c.leadingZeros) {
    findings.push({
      severity: 'warning',
      code: 'I6',
      path,
      message: `${path}: non-standard CIDR value ${goValue(text)} is invalid: use ${goValue(formatCidr(c))}`,
    });
  } else if (c.hostBitsSet) {
    const host = text.slice(0, text.indexOf('/'));
    const full = c.family === 4 ? 32 : 128;
    findings.push({
      severity: 'warning',
      code: 'I6',
      path,
      message: `${path}: CIDR value ${goValue(text)} is ambiguous in this context (should be ${goValue(formatCidr(c))} or ${goValue(`${host}/${full}`)}?)`,
    });
  } else if (c.family === 6 && c.prefix >= 96 && c.network >> 32n === 0xffffn) {
    findings.push({
      severity: 'warning',
      code: 'I5',
      path,
      message: `${path}: CIDR value ${goValue(text)} is an IPv4-mapped IPv6 address: accepted by default, rejected when StrictIPCIDRValidation is on (must not have an IPv4-mapped IPv6 address)`,
    });
  } else if (
    c.family === 6 &&
    text !== formatCidr(c) &&
    text.slice(0, text.indexOf('/')) !== formatIp(6, c.network)
  ) {
    findings.push({
      severity: 'warning',
      code: 'I6',
      path,
      message: `${path}: IPv6 CIDR value ${goValue(text)} should be in RFC 5952 canonical format (${goValue(formatCidr(c))})`,
    });
  }
  return c;
}

function validateIpBlock(block: Obj, path: string, out: Finding[]): void {
  const cidrText = typeof block['cidr'] === 'string' ? block['cidr'] : '';
  if (cidrText === '') {
    out.push({
      severity: 'error',
      code: 'I1',
      path: `${path}.cidr`,
      ...(block['cidr'] === undefined ? { at: path } : {}),
      message: `${path}.cidr: Required value`,
    });
    return;
  }
  const outerCidr = validateCidrText(cidrText, `${path}.cidr`, 'I2', out);
  // An unparsable cidr ends the block's validation: except is not looked at.
  if (!outerCidr) return;
  const except = arr(block['except']);
  for (let i = 0; i < except.length; i++) {
    const p = `${path}.except[${i}]`;
    const text = String(except[i]);
    const inner = validateCidrText(text, p, 'I3', out);
    if (inner && !cidrStrictSubset(outerCidr, inner)) {
      out.push(invalid(p, text, 'must be a strict subset of `cidr`', 'I4'));
    }
  }
}

function validatePeer(peer: Obj, path: string, out: Finding[]): void {
  let count = 0;
  const pod = obj(peer['podSelector']);
  const ns = obj(peer['namespaceSelector']);
  const ip = obj(peer['ipBlock']);
  if (pod) {
    count++;
    validateLabelSelector(pod, `${path}.podSelector`, out);
  }
  if (ns) {
    count++;
    validateLabelSelector(ns, `${path}.namespaceSelector`, out);
  }
  if (ip) {
    count++;
    validateIpBlock(ip, `${path}.ipBlock`, out);
  }
  if (count === 0)
    out.push({
      severity: 'error',
      code: 'P1',
      path,
      message: `${path}: Required value: must specify a peer`,
    });
  else if (count > 1 && ip) {
    out.push({
      severity: 'error',
      code: 'P2',
      path,
      message: `${path}: Forbidden: may not specify both ipBlock and another peer`,
    });
  }
}

function validatePort(port: Obj, path: string, out: Finding[]): void {
  const protocol = port['protocol'];
  if (protocol !== undefined && protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') {
    out.push({
      severity: 'error',
      code: 'T8',
      path: `${path}.protocol`,
      message: `${path}.protocol: Unsupported value: ${goValue(protocol, true)}: supported values: "TCP", "UDP", "SCTP"`,
    });
  }
  const p = port['port'];
  const end = port['endPort'];
  if (typeof p === 'number') {
    const portMessages = portNumber(p);
    for (let k = 0; k < portMessages.length; k++)
      out.push(invalid(`${path}.port`, p, portMessages[k] as string, 'T1'));
    if (typeof end === 'number') {
      if (end < p)
        // The server prints `port` as the bad value here, not endPort.
        out.push(invalid(`${path}.endPort`, p, 'must be greater than or equal to `port`', 'T2'));
      const endMessages = portNumber(end);
      for (let k = 0; k < endMessages.length; k++)
        out.push(invalid(`${path}.endPort`, end, endMessages[k] as string, 'T3'));
    }
  } else if (typeof p === 'string') {
    if (typeof end === 'number')
      out.push(
        invalid(`${path}.endPort`, end, 'may not be specified when `port` is non-numeric', 'T4'),
      );
    const nameMessages = portName(p);
    for (let k = 0; k < nameMessages.length; k++)
      out.push(
        invalid(`${path}.port`, p, nameMessages[k] as string, /^[0-9]+$/.test(p) ? 'T7' : 'T6'),
      );
  } else if (typeof end === 'number') {
    out.push(
      invalid(`${path}.endPort`, end, 'may not be specified when `port` is not specified', 'T5'),
    );
  }
}

/** A direction's rules and the key of their peers. */
const DIRECTIONS = [
  ['ingress', 'from'],
  ['egress', 'to'],
] as const;

export function validateNetworkPolicySpec(spec: Obj | undefined, out: Finding[] = []): Finding[] {
  const s = spec ?? {};
  validateLabelSelector(obj(s['podSelector']), 'spec.podSelector', out);
  for (let d = 0; d < DIRECTIONS.length; d++) {
    // Indexed, not destructured: a destructuring pattern runs the array iterator.
    const direction = DIRECTIONS[d] as (typeof DIRECTIONS)[number];
    const dir = direction[0];
    const peersKey = direction[1];
    const rules = arr(s[dir]);
    for (let i = 0; i < rules.length; i++) {
      const rule = obj(rules[i]) ?? {};
      const ports = arr(rule['ports']);
      for (let j = 0; j < ports.length; j++)
        validatePort(obj(ports[j]) ?? {}, `spec.${dir}[${i}].ports[${j}]`, out);
      const peers = arr(rule[peersKey]);
      for (let j = 0; j < peers.length; j++)
        validatePeer(obj(peers[j]) ?? {}, `spec.${dir}[${i}].${peersKey}[${j}]`, out);
    }
  }
  const types = arr(s['policyTypes']);
  if (types.length > 2) {
    out.push(invalid('spec.policyTypes', types, 'may not specify more than two policyTypes', 'Y1'));
    return out;
  }
  for (let i = 0; i < types.length; i++) {
    const t = types[i];
    if (t !== 'Ingress' && t !== 'Egress') {
      out.push({
        severity: 'error',
        code: 'Y2',
        path: `spec.policyTypes[${i}]`,
        message: `spec.policyTypes[${i}]: Unsupported value: ${goValue(t, true)}: supported values: "Ingress", "Egress"`,
      });
    }
  }
  return out;
}
