// The Go types the API server decodes into: NetworkPolicy in full (strict), and the parts of
// Namespace, Pod and workload kinds the editor reads (open: their other fields are not checked).
import type { FieldSpec } from './decode.ts';

type Struct = Extract<FieldSpec, { t: 'struct' }>;

const str: FieldSpec = { t: 'string' };
const int32: FieldSpec = { t: 'int32' };
const int64: FieldSpec = { t: 'int64' };
const bool: FieldSpec = { t: 'bool' };
const time: FieldSpec = { t: 'time' };
const map: FieldSpec = { t: 'map' };
const any: FieldSpec = { t: 'any' };
const strings: FieldSpec = { t: 'list', of: str, go: '[]string' };
const list = (of: FieldSpec, go: string): FieldSpec => ({ t: 'list', of, go });
/** Field tables are built lazily (the types refer to each other) and then reused. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const struct = (name: string, fields: () => Record<string, FieldSpec>, open = false): Struct => ({
  t: 'struct',
  name,
  go: `v1.${name}`,
  fields: once(fields),
  ...(open ? { open } : {}),
});

const ownerReference = struct('OwnerReference', () => ({
  apiVersion: str,
  kind: str,
  name: str,
  uid: str,
  controller: bool,
  blockOwnerDeletion: bool,
}));

const managedFieldsEntry = struct('ManagedFieldsEntry', () => ({
  manager: str,
  operation: str,
  apiVersion: str,
  time,
  fieldsType: str,
  fieldsV1: any,
  subresource: str,
}));

export const OBJECT_META = struct('ObjectMeta', () => ({
  name: str,
  generateName: str,
  namespace: str,
  selfLink: str,
  uid: str,
  resourceVersion: str,
  generation: int64,
  creationTimestamp: time,
  deletionTimestamp: time,
  deletionGracePeriodSeconds: int64,
  labels: map,
  annotations: map,
  ownerReferences: list(ownerReference, '[]v1.OwnerReference'),
  finalizers: strings,
  managedFields: list(managedFieldsEntry, '[]v1.ManagedFieldsEntry'),
}));

const labelSelectorRequirement = struct('LabelSelectorRequirement', () => ({
  key: str,
  operator: str,
  values: strings,
}));

export const LABEL_SELECTOR = struct('LabelSelector', () => ({
  matchLabels: map,
  matchExpressions: list(labelSelectorRequirement, '[]v1.LabelSelectorRequirement'),
}));

const ipBlock = struct('IPBlock', () => ({ cidr: str, except: strings }));
const peer = struct('NetworkPolicyPeer', () => ({
  podSelector: LABEL_SELECTOR,
  namespaceSelector: LABEL_SELECTOR,
  ipBlock,
}));
const port = struct('NetworkPolicyPort', () => ({
  protocol: str,
  port: { t: 'intOrString' },
  endPort: int32,
}));
const ports = list(port, '[]v1.NetworkPolicyPort');
const ingressRule = struct('NetworkPolicyIngressRule', () => ({
  ports,
  from: list(peer, '[]v1.NetworkPolicyPeer'),
}));
const egressRule = struct('NetworkPolicyEgressRule', () => ({
  ports,
  to: list(peer, '[]v1.NetworkPolicyPeer'),
}));
const networkPolicySpec = struct('NetworkPolicySpec', () => ({
  podSelector: LABEL_SELECTOR,
  ingress: list(ingressRule, '[]v1.NetworkPolicyIngressRule'),
  egress: list(egressRule, '[]v1.NetworkPolicyEgressRule'),
  policyTypes: list(str, '[]v1.PolicyType'),
}));

export const NETWORK_POLICY = struct('NetworkPolicy', () => ({
  apiVersion: str,
  kind: str,
  metadata: OBJECT_META,
  spec: networkPolicySpec,
  // NetworkPolicyStatus existed in networking/v1 from 1.24 to 1.27: what those clusters print is
  // kept as written and reported once as a server-written field (server-fields.ts).
  status: any,
}));

export const NAMESPACE = struct(
  'Namespace',
  () => ({ apiVersion: str, kind: str, metadata: OBJECT_META, spec: any, status: any }),
  true,
);

const containerPort = struct(
  'ContainerPort',
  () => ({ name: str, containerPort: int32, protocol: str, hostPort: int32, hostIP: str }),
  true,
);
const container = struct(
  'Container',
  () => ({ name: str, ports: list(containerPort, '[]v1.ContainerPort') }),
  true,
);
const podSpec = struct(
  'PodSpec',
  () => ({
    containers: list(container, '[]v1.Container'),
    initContainers: list(container, '[]v1.Container'),
    hostNetwork: bool,
  }),
  true,
);
const podIP = struct('PodIP', () => ({ ip: str }), true);
const podStatus = struct(
  'PodStatus',
  () => ({ podIP: str, podIPs: list(podIP, '[]v1.PodIP') }),
  true,
);

export const POD = struct(
  'Pod',
  () => ({ apiVersion: str, kind: str, metadata: OBJECT_META, spec: podSpec, status: podStatus }),
  true,
);

const templateMeta = struct(
  'ObjectMeta',
  () => ({ labels: map, annotations: map, name: str, namespace: str }),
  true,
);
const podTemplate = struct(
  'PodTemplateSpec',
  () => ({ metadata: templateMeta, spec: podSpec }),
  true,
);

/** Deployment, StatefulSet, DaemonSet, ReplicaSet and Job share the shape the editor reads. */
const controllers = new Map<string, Struct>();
export const CONTROLLER = (kind: string): Struct => {
  const known = controllers.get(kind);
  if (known) return known;
  const made = controllerSchema(kind);
  controllers.set(kind, made);
  return made;
};

const controllerSchema = (kind: string): Struct =>
  struct(
    kind,
    () => ({
      apiVersion: str,
      kind: str,
      metadata: OBJECT_META,
      spec: struct(
        `${kind}Spec`,
        () => ({ selector: LABEL_SELECTOR, template: podTemplate, replicas: int32 }),
        true,
      ),
      status: any,
    }),
    true,
  );

const jobTemplate = struct(
  'JobTemplateSpec',
  () => ({ metadata: any, spec: struct('JobSpec', () => ({ template: podTemplate }), true) }),
  true,
);
export const CRON_JOB = struct(
  'CronJob',
  () => ({
    apiVersion: str,
    kind: str,
    metadata: OBJECT_META,
    spec: struct('CronJobSpec', () => ({ jobTemplate }), true),
    status: any,
  }),
  true,
);

/** Only what identifies any other object. */
export const GENERIC = struct(
  'Object',
  () => ({ apiVersion: str, kind: str, metadata: OBJECT_META }),
  true,
);
