// ValidateNetworkPolicySpec as the API server runs it on create: selectors, peers, ipBlocks,
// ports and policyTypes, in the server's order and wording.
import { cidrStrictSubset, formatCidr, formatIp, parseCidr } from '../model/cidr.ts';
import { invalid, validateLabels } from './validate-object-meta.ts';
import type { Finding } from './validate-object-meta.ts';
import { goValue, labelValue, portName, portNumber, qualifiedName } from './validation-messages.ts';
import type { Message } from './validation-messages.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const CIDR_DETAIL = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

export function validateLabelSelector(selector: Obj | undefined, path: string): Finding[] {
  if (!selector) return [];
  const out: Finding[] = [...validateLabels(obj(selector['matchLabels']), `${path}.matchLabels`)];
  arr(selector['matchExpressions']).forEach((e, i) => {
    const req = obj(e) ?? {};
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
    values.forEach((v, j) => {
      const messages = labelValue(String(v));
      for (let k = 0; k < messages.length; k++)
        out.push(invalid(`${p}.values[${j}]`, v, (messages[k] as Message).text, 'S7'));
    });
  });
  return out;
}

function validateCidrText(
  text: string,
  path: string,
  code: string,
): { findings: Finding[]; ok: boolean } {
  const c = parseCidr(text);
  if (!c) return { findings: [invalid(path, text, CIDR_DETAIL, code)], ok: false };
  const findings: Finding[] = [];
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
  return { findings, ok: true };
}

function validateIpBlock(block: Obj, path: string): Finding[] {
  const cidrText = typeof block['cidr'] === 'string' ? block['cidr'] : '';
  if (cidrText === '') {
    return [
      {
        severity: 'error',
        code: 'I1',
        path: `${path}.cidr`,
        ...(block['cidr'] === undefined ? { at: path } : {}),
        message: `${path}.cidr: Required value`,
      },
    ];
  }
  const out: Finding[] = [];
  const outer = validateCidrText(cidrText, `${path}.cidr`, 'I2');
  out.push(...outer.findings);
  const outerCidr = parseCidr(cidrText);
  // An unparsable cidr ends the block's validation: except is not looked at.
  if (!outerCidr) return out;
  arr(block['except']).forEach((e, i) => {
    const p = `${path}.except[${i}]`;
    const text = String(e);
    const r = validateCidrText(text, p, 'I3');
    out.push(...r.findings);
    const inner = parseCidr(text);
    if (r.ok && inner && !cidrStrictSubset(outerCidr, inner)) {
      out.push(invalid(p, text, 'must be a strict subset of `cidr`', 'I4'));
    }
  });
  return out;
}

function validatePeer(peer: Obj, path: string): Finding[] {
  const out: Finding[] = [];
  let count = 0;
  const pod = obj(peer['podSelector']);
  const ns = obj(peer['namespaceSelector']);
  const ip = obj(peer['ipBlock']);
  if (pod) {
    count++;
    out.push(...validateLabelSelector(pod, `${path}.podSelector`));
  }
  if (ns) {
    count++;
    out.push(...validateLabelSelector(ns, `${path}.namespaceSelector`));
  }
  if (ip) {
    count++;
    out.push(...validateIpBlock(ip, `${path}.ipBlock`));
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
  return out;
}

function validatePort(port: Obj, path: string): Finding[] {
  const out: Finding[] = [];
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
    for (const m of portName(p))
      out.push(invalid(`${path}.port`, p, m, /^[0-9]+$/.test(p) ? 'T7' : 'T6'));
  } else if (typeof end === 'number') {
    out.push(
      invalid(`${path}.endPort`, end, 'may not be specified when `port` is not specified', 'T5'),
    );
  }
  return out;
}

export function validateNetworkPolicySpec(spec: Obj | undefined): Finding[] {
  const s = spec ?? {};
  const out: Finding[] = [...validateLabelSelector(obj(s['podSelector']), 'spec.podSelector')];
  for (const [dir, peersKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    arr(s[dir]).forEach((r, i) => {
      const rule = obj(r) ?? {};
      arr(rule['ports']).forEach((port, j) =>
        out.push(...validatePort(obj(port) ?? {}, `spec.${dir}[${i}].ports[${j}]`)),
      );
      arr(rule[peersKey]).forEach((peer, j) =>
        out.push(...validatePeer(obj(peer) ?? {}, `spec.${dir}[${i}].${peersKey}[${j}]`)),
      );
    });
  }
  const types = arr(s['policyTypes']);
  if (types.length > 2) {
    out.push(invalid('spec.policyTypes', types, 'may not specify more than two policyTypes', 'Y1'));
    return out;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') {
      out.push({
        severity: 'error',
        code: 'Y2',
        path: `spec.policyTypes[${i}]`,
        message: `spec.policyTypes[${i}]: Unsupported value: ${goValue(t, true)}: supported values: "Ingress", "Egress"`,
      });
    }
  });
  return out;
}
