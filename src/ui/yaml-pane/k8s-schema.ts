// A bundled JSON schema for the kinds the editor understands, so Monaco offers completion, hover
// and type checks with no schema fetched from the network. Unknown kinds pass untouched.
import type { JSONSchema } from 'monaco-yaml';

const str: JSONSchema = { type: 'string' };
const int: JSONSchema = { type: 'integer' };
const strMap: JSONSchema = { type: 'object', additionalProperties: { type: 'string' } };
const ref = (name: string): JSONSchema => ({ $ref: `#/definitions/${name}` });
const arrayOf = (items: JSONSchema, description?: string): JSONSchema => ({
  type: 'array',
  items,
  ...(description ? { description } : {}),
});
const protocol: JSONSchema = {
  type: 'string',
  enum: ['TCP', 'UDP', 'SCTP'],
  description: 'TCP (the default), UDP or SCTP.',
};

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'] as const;

const definitions: Record<string, JSONSchema> = {
  ObjectMeta: {
    type: 'object',
    properties: {
      name: { ...str, description: 'The object name, unique in its namespace.' },
      namespace: { ...str, description: 'Absent: the default namespace.' },
      labels: { ...strMap, description: 'Labels that selectors match.' },
      annotations: strMap,
    },
  },
  LabelSelector: {
    type: 'object',
    description: 'An empty selector ({}) selects everything.',
    properties: {
      matchLabels: { ...strMap, description: 'Every pair must match (AND).' },
      matchExpressions: arrayOf({
        type: 'object',
        required: ['key', 'operator'],
        properties: {
          key: str,
          operator: { type: 'string', enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
          values: arrayOf(str),
        },
      }),
    },
  },
  NetworkPolicyPort: {
    type: 'object',
    properties: {
      protocol,
      port: {
        type: ['integer', 'string'],
        description: 'A port number or a named container port. Absent: every port.',
      },
      endPort: { ...int, description: 'With a numeric port: the last port of the range.' },
    },
  },
  NetworkPolicyPeer: {
    type: 'object',
    description:
      'podSelector and namespaceSelector in the same peer must both match (AND); separate peers are alternatives (OR).',
    properties: {
      podSelector: ref('LabelSelector'),
      namespaceSelector: ref('LabelSelector'),
      ipBlock: {
        type: 'object',
        required: ['cidr'],
        properties: {
          cidr: { ...str, description: 'For example 10.0.0.0/8 or 0.0.0.0/0.' },
          except: arrayOf(str, 'CIDRs inside cidr that are excluded.'),
        },
      },
    },
  },
  NetworkPolicySpec: {
    type: 'object',
    required: ['podSelector'],
    properties: {
      podSelector: {
        ...ref('LabelSelector'),
        description: 'The pods this policy applies to; {} selects every pod in the namespace.',
      },
      policyTypes: arrayOf({ type: 'string', enum: ['Ingress', 'Egress'] }),
      ingress: arrayOf({
        type: 'object',
        properties: {
          from: arrayOf(ref('NetworkPolicyPeer'), 'Absent or empty: from anywhere.'),
          ports: arrayOf(ref('NetworkPolicyPort'), 'Absent or empty: every port.'),
        },
      }),
      egress: arrayOf({
        type: 'object',
        properties: {
          to: arrayOf(ref('NetworkPolicyPeer'), 'Absent or empty: to anywhere.'),
          ports: arrayOf(ref('NetworkPolicyPort'), 'Absent or empty: every port.'),
        },
      }),
    },
  },
  NetworkPolicy: {
    properties: { metadata: ref('ObjectMeta'), spec: ref('NetworkPolicySpec') },
  },
  Namespace: { properties: { metadata: ref('ObjectMeta') } },
  PodSpec: {
    type: 'object',
    properties: {
      containers: arrayOf({
        type: 'object',
        properties: {
          name: str,
          image: str,
          ports: arrayOf({
            type: 'object',
            required: ['containerPort'],
            properties: { name: str, containerPort: int, protocol },
          }),
        },
      }),
    },
  },
  PodTemplate: {
    type: 'object',
    properties: { metadata: ref('ObjectMeta'), spec: ref('PodSpec') },
  },
  Pod: { properties: { metadata: ref('ObjectMeta'), spec: ref('PodSpec') } },
  Controller: {
    properties: {
      metadata: ref('ObjectMeta'),
      spec: {
        type: 'object',
        properties: {
          replicas: int,
          selector: ref('LabelSelector'),
          template: ref('PodTemplate'),
        },
      },
    },
  },
  Job: {
    properties: {
      metadata: ref('ObjectMeta'),
      spec: { type: 'object', properties: { template: ref('PodTemplate') } },
    },
  },
  CronJob: {
    properties: {
      metadata: ref('ObjectMeta'),
      spec: {
        type: 'object',
        properties: {
          schedule: str,
          jobTemplate: {
            type: 'object',
            properties: {
              spec: { type: 'object', properties: { template: ref('PodTemplate') } },
            },
          },
        },
      },
    },
  },
};

const byKind: [string, string][] = [
  ['NetworkPolicy', 'NetworkPolicy'],
  ['Namespace', 'Namespace'],
  ['Pod', 'Pod'],
  ...WORKLOAD_KINDS.map((k): [string, string] => [k, 'Controller']),
  ['Job', 'Job'],
  ['CronJob', 'CronJob'],
  ['List', 'List'],
];

definitions['List'] = { properties: { items: arrayOf({ $ref: '#' }) } };

/** One object per document; `kind` picks the definition that applies. */
export const K8S_SCHEMA: JSONSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Kubernetes objects (netpol-canvas)',
  type: 'object',
  properties: {
    apiVersion: { type: 'string', examples: ['v1', 'apps/v1', 'networking.k8s.io/v1'] },
    kind: {
      type: 'string',
      examples: byKind.map(([k]) => k),
      description: 'The object kind; NetworkPolicy, Namespace, Pod and workload kinds are drawn.',
    },
    metadata: ref('ObjectMeta'),
  },
  allOf: byKind.map(([kind, def]) => ({
    if: { properties: { kind: { const: kind } }, required: ['kind'] },
    then: ref(def),
  })),
  definitions,
};
