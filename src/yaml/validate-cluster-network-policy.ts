// The CRD schemas of policy.networking.k8s.io (v1alpha2 ClusterNetworkPolicy; v1alpha1
// AdminNetworkPolicy and BaselineAdminNetworkPolicy) as the API server applies them to a custom
// resource: types and unknown fields (through decode.ts), then the OpenAPI rules (enum, minimum,
// maximum, minItems, maxItems, minProperties, maxProperties, maxLength, pattern, required) and the
// CEL rules, in the apiextensions wording. Hand-written because it must match the CRD exactly;
// one schema serves both the decoding and the validation.
import type { FieldSpec } from './decode.ts';
import { LABEL_SELECTOR, OBJECT_META } from './schemas.ts';
import type { Finding } from './validate-object-meta.ts';
import { byteLength, goQuote } from './validation-messages.ts';
import { parseCidr } from '../model/cidr.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;

interface CelRule {
  readonly test: (value: unknown) => boolean;
  readonly message: string;
}

/** A CRD's OpenAPI schema, only what these CRDs use. */
export type CrdSchema =
  | {
      readonly t: 'object';
      readonly name: string;
      readonly props: () => Readonly<Record<string, CrdSchema>>;
      readonly required?: readonly string[];
      readonly minProps?: number;
      readonly maxProps?: number;
      readonly rules?: readonly CelRule[];
    }
  | { readonly t: 'array'; readonly items: CrdSchema; readonly min?: number; readonly max?: number }
  | {
      readonly t: 'string';
      readonly enum?: readonly string[];
      readonly maxLength?: number;
      readonly pattern?: { readonly re: RegExp; readonly text: string };
      readonly rules?: readonly CelRule[];
    }
  | { readonly t: 'int'; readonly min?: number; readonly max?: number }
  /** metav1.LabelSelector: the CRD only requires key and operator of each expression. */
  | { readonly t: 'selector' }
  | { readonly t: 'meta' }
  /** Decoded as `spec`, not validated further. */
  | { readonly t: 'raw'; readonly spec: FieldSpec }
  | { readonly t: 'any' };

const CNP_CODE = {
  enum: 'CNP1',
  range: 'CNP2',
  required: 'CNP3',
  items: 'CNP4',
  properties: 'CNP5',
  length: 'CNP6',
  cel: 'CNP7',
  pattern: 'CNP8',
} as const;

function lazy<T>(make: () => T): () => T {
  let v: T | undefined;
  return () => (v ??= make());
}

const object = (
  name: string,
  props: () => Record<string, CrdSchema>,
  extra: Omit<Extract<CrdSchema, { t: 'object' }>, 't' | 'name' | 'props'> = {},
): CrdSchema => ({ t: 'object', name, props: lazy(props), ...extra });
const array = (items: CrdSchema, min?: number, max?: number): CrdSchema => ({
  t: 'array',
  items,
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
});
const int = (min?: number, max?: number): CrdSchema => ({
  t: 'int',
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
});
const string = (extra: Omit<Extract<CrdSchema, { t: 'string' }>, 't'> = {}): CrdSchema => ({
  t: 'string',
  ...extra,
});
const selector: CrdSchema = { t: 'selector' };
const port = int(1, 65535);
const one = { minProps: 1, maxProps: 1 } as const;

const cidr = string({
  maxLength: 43,
  rules: [
    {
      test: (v) => {
        const c = typeof v === 'string' ? parseCidr(v) : null;
        // isCIDR follows netip.ParsePrefix: leading zeros in IPv4 are refused.
        return c !== null && !c.leadingZeros;
      },
      message: 'Invalid CIDR format provided',
    },
  ],
});
const DOMAIN_PATTERN =
  '^(\\*\\.)?([a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.)+[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.?$';
const domainName = string({ pattern: { re: new RegExp(DOMAIN_PATTERN), text: DOMAIN_PATTERN } });

const namespacedPod = object(
  'NamespacedPod',
  () => ({ namespaceSelector: selector, podSelector: selector }),
  { required: ['podSelector'] },
);
const subject = object(
  'ClusterNetworkPolicySubject',
  () => ({ namespaces: selector, pods: namespacedPod }),
  one,
);

const startBeforeEnd: CelRule = {
  test: (v) => {
    const r = obj(v);
    const s = r?.['start'];
    const e = r?.['end'];
    return typeof s !== 'number' || typeof e !== 'number' || s < e;
  },
  message: 'Start port must be less than End port',
};

// ---- v1alpha2 ClusterNetworkPolicy ----

const v2Port = object(
  'Port',
  () => ({
    number: port,
    range: object('PortRange', () => ({ start: port, end: port }), {
      required: ['start', 'end'],
      rules: [startBeforeEnd],
    }),
  }),
  one,
);
const v2ProtocolPorts = (name: string) =>
  object(name, () => ({ destinationPort: v2Port }), { minProps: 1 });
const v2Protocol = object(
  'ClusterNetworkPolicyProtocol',
  () => ({
    tcp: v2ProtocolPorts('ClusterNetworkPolicyProtocolTCP'),
    udp: v2ProtocolPorts('ClusterNetworkPolicyProtocolUDP'),
    sctp: v2ProtocolPorts('ClusterNetworkPolicyProtocolSCTP'),
    destinationNamedPort: string(),
  }),
  one,
);
const ACTIONS_V2 = ['Accept', 'Deny', 'Pass'] as const;
const ruleName = string({ maxLength: 100 });

const hasAny = (v: unknown, keys: readonly string[]): boolean => {
  const o = obj(v);
  return o !== undefined && keys.some((k) => o[k] !== undefined);
};
const peersOf = (rule: unknown, key: string): unknown[] => {
  const list = obj(rule)?.[key];
  return Array.isArray(list) ? list : [];
};
const namedPortWithAddresses: CelRule = {
  test: (rule) =>
    !(
      peersOf(rule, 'to').some((p) => hasAny(p, ['networks', 'nodes', 'domainNames'])) &&
      peersOf(rule, 'protocols').some((p) => hasAny(p, ['destinationNamedPort']))
    ),
  message:
    'networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames',
};
const domainNamesOnlyAccept: CelRule = {
  test: (rule) =>
    obj(rule)?.['action'] === 'Accept' ||
    !peersOf(rule, 'to').some((p) => hasAny(p, ['domainNames'])),
  message: 'domainNames peer can only be used with Accept action',
};

const v2Spec = object(
  'ClusterNetworkPolicySpec',
  () => ({
    tier: string({ enum: ['Admin', 'Baseline'] }),
    priority: int(0, 1000),
    subject,
    ingress: array(
      object(
        'ClusterNetworkPolicyIngressRule',
        () => ({
          name: ruleName,
          action: string({ enum: ACTIONS_V2 }),
          from: array(
            object(
              'ClusterNetworkPolicyIngressPeer',
              () => ({ namespaces: selector, pods: namespacedPod }),
              one,
            ),
            1,
            25,
          ),
          protocols: array(v2Protocol, 1, 25),
        }),
        { required: ['action', 'from'] },
      ),
      undefined,
      25,
    ),
    egress: array(
      object(
        'ClusterNetworkPolicyEgressRule',
        () => ({
          name: ruleName,
          action: string({ enum: ACTIONS_V2 }),
          to: array(
            object(
              'ClusterNetworkPolicyEgressPeer',
              () => ({
                namespaces: selector,
                pods: namespacedPod,
                nodes: selector,
                networks: array(cidr, 1, 25),
                domainNames: array(domainName, 1, 25),
              }),
              one,
            ),
            1,
            25,
          ),
          protocols: array(v2Protocol, 1, 25),
        }),
        { required: ['action', 'to'], rules: [namedPortWithAddresses, domainNamesOnlyAccept] },
      ),
      undefined,
      25,
    ),
  }),
  { required: ['tier', 'priority', 'subject'] },
);

// ---- v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy ----

const v1Protocol = string({ enum: ['TCP', 'UDP', 'SCTP'] });
const v1Port = object(
  'AdminNetworkPolicyPort',
  () => ({
    portNumber: object('Port', () => ({ protocol: v1Protocol, port }), { required: ['port'] }),
    namedPort: string(),
    portRange: object('PortRange', () => ({ protocol: v1Protocol, start: port, end: port }), {
      required: ['start', 'end'],
      rules: [startBeforeEnd],
    }),
  }),
  one,
);
/**
 * `namespaces` is a LabelSelector since v0.1.5; earlier releases wrapped it in
 * `namespaceSelector` (with the experimental sameLabels / notSameLabels): both are read.
 */
const v1Namespaces = object('NamespacedPeer', () => ({
  matchLabels: { t: 'raw', spec: { t: 'map' } },
  matchExpressions: { t: 'raw', spec: LABEL_SELECTOR.fields()['matchExpressions'] ?? { t: 'any' } },
  namespaceSelector: selector,
  sameLabels: { t: 'raw', spec: { t: 'list', of: { t: 'string' }, go: '[]string' } },
  notSameLabels: { t: 'raw', spec: { t: 'list', of: { t: 'string' }, go: '[]string' } },
}));
const v1Rules = (actions: readonly string[], max: number) => ({
  ingress: array(
    object(
      'AdminNetworkPolicyIngressRule',
      () => ({
        name: ruleName,
        action: string({ enum: actions }),
        from: array(
          object(
            'AdminNetworkPolicyIngressPeer',
            () => ({ namespaces: v1Namespaces, pods: namespacedPod }),
            one,
          ),
          1,
          100,
        ),
        ports: array(v1Port, 1, 100),
      }),
      { required: ['action', 'from'] },
    ),
    undefined,
    max,
  ),
  egress: array(
    object(
      'AdminNetworkPolicyEgressRule',
      () => ({
        name: ruleName,
        action: string({ enum: actions }),
        to: array(
          object(
            'AdminNetworkPolicyEgressPeer',
            () => ({
              namespaces: v1Namespaces,
              pods: namespacedPod,
              nodes: selector,
              networks: array(cidr, 1, 25),
            }),
            one,
          ),
          1,
          100,
        ),
        ports: array(v1Port, 1, 100),
      }),
      { required: ['action', 'to'] },
    ),
    undefined,
    max,
  ),
});
const anpSpec = object(
  'AdminNetworkPolicySpec',
  () => ({ priority: int(0, 1000), subject, ...v1Rules(['Allow', 'Deny', 'Pass'], 100) }),
  { required: ['priority', 'subject'] },
);
const banpSpec = object(
  'BaselineAdminNetworkPolicySpec',
  () => ({ subject, ...v1Rules(['Allow', 'Deny'], 100) }),
  { required: ['subject'] },
);

const root = (kind: string, spec: CrdSchema): CrdSchema =>
  object(
    kind,
    () => ({
      apiVersion: string(),
      kind: string(),
      metadata: { t: 'meta' },
      spec,
      status: { t: 'any' },
    }),
    {
      required: ['spec'],
    },
  );

export const CLUSTER_POLICY_SCHEMAS: Readonly<Record<string, CrdSchema>> = {
  'v1alpha2/ClusterNetworkPolicy': root('ClusterNetworkPolicy', v2Spec),
  'v1alpha1/AdminNetworkPolicy': root('AdminNetworkPolicy', anpSpec),
  'v1alpha1/BaselineAdminNetworkPolicy': root('BaselineAdminNetworkPolicy', banpSpec),
};

/** The same schema as a Go-style struct for decode.ts: type errors and strict unknown fields. */
export function decodeSpecOf(schema: CrdSchema): Extract<FieldSpec, { t: 'struct' }> {
  const spec = toFieldSpec(schema);
  if (spec.t !== 'struct') throw new Error('a root schema is an object');
  return spec;
}

const fieldSpecs = new WeakMap<object, FieldSpec>();
function toFieldSpec(s: CrdSchema): FieldSpec {
  const known = fieldSpecs.get(s);
  if (known) return known;
  let out: FieldSpec;
  switch (s.t) {
    case 'object':
      out = {
        t: 'struct',
        name: s.name,
        go: `v1alpha2.${s.name}`,
        fields: lazy(() =>
          Object.fromEntries(Object.entries(s.props()).map(([k, v]) => [k, toFieldSpec(v)])),
        ),
      };
      break;
    case 'array': {
      const of = toFieldSpec(s.items);
      out = { t: 'list', of, go: `[]${of.t === 'struct' ? of.go : of.t}` };
      break;
    }
    case 'string':
      out = { t: 'string' };
      break;
    case 'int':
      out = { t: 'int32' };
      break;
    case 'selector':
      out = LABEL_SELECTOR;
      break;
    case 'meta':
      out = OBJECT_META;
      break;
    case 'raw':
      out = s.spec;
      break;
    case 'any':
      out = { t: 'any' };
      break;
  }
  fieldSpecs.set(s, out);
  return out;
}

const size = (o: Obj) => Object.keys(o).filter((k) => o[k] !== undefined).length;
const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

/** An object schema's property names and schemas, made once per schema. */
interface PropList {
  readonly keys: readonly string[];
  readonly schemas: readonly CrdSchema[];
}
const propLists = new WeakMap<object, PropList>();
function propsOf(schema: Extract<CrdSchema, { t: 'object' }>): PropList {
  let list = propLists.get(schema);
  if (list === undefined) {
    const props = schema.props();
    const keys = Object.keys(props);
    list = { keys, schemas: keys.map((k) => props[k] as CrdSchema) };
    propLists.set(schema, list);
  }
  return list;
}

/** The CRD's OpenAPI and CEL rules over a decoded object, every failure as a finding. */
export function validateCrd(value: unknown, schema: CrdSchema, path = ''): Finding[] {
  const out: Finding[] = [];
  check(value, schema, path === '' ? [] : [path], out);
  return out;
}

const INDEX_TEXTS = Array.from({ length: 64 }, (_, i) => `[${i}]`);

/**
 * A field path from its segments (names, and `[i]` for items), made only for a finding: a clean
 * document's walk builds none.
 */
function pathOf(at: readonly string[]): string {
  let out = '';
  for (let i = 0; i < at.length; i++) {
    const s = at[i] as string;
    out = s.charCodeAt(0) === 91 ? out + s : out === '' ? s : `${out}.${s}`;
  }
  return out;
}

function fail(out: Finding[], code: string, p: string, message: string, at?: string): void {
  out.push({ severity: 'error', code, path: p, message, ...(at !== undefined ? { at } : {}) });
}

/**
 * validateCrd into one list, the path as a stack of segments: no list, closure, spread or path
 * text per node of a clean document.
 */
function check(value: unknown, schema: CrdSchema, at: string[], out: Finding[]): void {
  switch (schema.t) {
    case 'object': {
      const o = obj(value);
      if (!o) return;
      const required = schema.required;
      if (required !== undefined)
        for (let i = 0; i < required.length; i++) {
          const k = required[i] as string;
          if (o[k] === undefined) {
            const path = pathOf(at);
            const p = join(path, k);
            fail(out, CNP_CODE.required, p, `${p}: Required value`, path);
          }
        }
      if (schema.minProps !== undefined || schema.maxProps !== undefined) {
        const n = size(o);
        if (schema.minProps !== undefined && n < schema.minProps) {
          const path = pathOf(at);
          fail(
            out,
            CNP_CODE.properties,
            path,
            `${path}: Invalid value: ${n}: ${path} in body should have at least ${schema.minProps} properties`,
          );
        }
        if (schema.maxProps !== undefined && n > schema.maxProps) {
          const path = pathOf(at);
          fail(
            out,
            CNP_CODE.properties,
            path,
            `${path}: Invalid value: ${n}: ${path} in body should have at most ${schema.maxProps} properties`,
          );
        }
      }
      const { keys, schemas } = propsOf(schema);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        const v = o[k];
        if (v === undefined) continue;
        at.push(k);
        check(v, schemas[i] as CrdSchema, at, out);
        at.pop();
      }
      const rules = schema.rules;
      if (rules !== undefined)
        for (let i = 0; i < rules.length; i++) {
          const rule = rules[i] as CelRule;
          if (!rule.test(o)) {
            const path = pathOf(at);
            fail(out, CNP_CODE.cel, path, `${path}: Invalid value: "object": ${rule.message}`);
          }
        }
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) return;
      if (schema.max !== undefined && value.length > schema.max) {
        const path = pathOf(at);
        fail(
          out,
          CNP_CODE.items,
          path,
          `${path}: Too many: ${value.length}: must have at most ${schema.max} items`,
        );
      }
      if (schema.min !== undefined && value.length < schema.min) {
        const path = pathOf(at);
        fail(
          out,
          CNP_CODE.items,
          path,
          `${path}: Invalid value: ${value.length}: ${path} in body should have at least ${schema.min} items`,
        );
      }
      for (let i = 0; i < value.length; i++) {
        at.push(INDEX_TEXTS[i] ?? `[${i}]`);
        check(value[i], schema.items, at, out);
        at.pop();
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') return;
      if (schema.enum && !schema.enum.includes(value)) {
        const path = pathOf(at);
        fail(
          out,
          CNP_CODE.enum,
          path,
          `${path}: Unsupported value: ${goQuote(value)}: supported values: ${schema.enum.map((e) => goQuote(e)).join(', ')}`,
        );
      }
      if (schema.maxLength !== undefined && byteLength(value) > schema.maxLength) {
        const path = pathOf(at);
        fail(
          out,
          CNP_CODE.length,
          path,
          `${path}: Too long: may not be more than ${schema.maxLength} bytes`,
        );
      }
      if (schema.pattern && !schema.pattern.re.test(value)) {
        const path = pathOf(at);
        fail(
          out,
          CNP_CODE.pattern,
          path,
          `${path}: Invalid value: ${goQuote(value)}: ${path} in body should match '${schema.pattern.text}'`,
        );
      }
      const rules = schema.rules;
      if (rules !== undefined)
        for (let i = 0; i < rules.length; i++) {
          const rule = rules[i] as CelRule;
          if (!rule.test(value)) {
            const path = pathOf(at);
            fail(out, CNP_CODE.cel, path, `${path}: Invalid value: "string": ${rule.message}`);
          }
        }
      return;
    }
    case 'int': {
      if (typeof value !== 'number') return;
      if (schema.min !== undefined && value < schema.min) {
        const path = pathOf(at);
        fail(
          out,
          CNP_CODE.range,
          path,
          `${path}: Invalid value: ${value}: ${path} in body should be greater than or equal to ${schema.min}`,
        );
      }
      if (schema.max !== undefined && value > schema.max) {
        const path = pathOf(at);
        fail(
          out,
          CNP_CODE.range,
          path,
          `${path}: Invalid value: ${value}: ${path} in body should be less than or equal to ${schema.max}`,
        );
      }
      return;
    }
    case 'selector': {
      const exprs = obj(value)?.['matchExpressions'];
      if (!Array.isArray(exprs)) return;
      for (let i = 0; i < exprs.length; i++) {
        const e = obj(exprs[i]);
        if (e?.['key'] !== undefined && e['operator'] !== undefined) continue;
        const p = `${pathOf(at)}.matchExpressions[${i}]`;
        for (const k of ['key', 'operator'])
          if (e?.[k] === undefined)
            fail(out, CNP_CODE.required, `${p}.${k}`, `${p}.${k}: Required value`, p);
      }
      return;
    }
    case 'meta':
    case 'raw':
    case 'any':
      return;
  }
}
