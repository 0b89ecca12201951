// ValidateObjectMeta as the API server applies it on create, plus warnings for the server-set
// fields that `kubectl get -o yaml` output carries (kubectl apply accepts them).
import {
  byteLength,
  dns1123Label,
  dns1123Subdomain,
  goValue,
  labelValue,
  qualifiedName,
} from './validation-messages.ts';
import type { Message } from './validation-messages.ts';

export interface Finding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  /** Field path for the message and for locating (`metadata.labels`). */
  readonly path: string;
  /** A more precise path to locate, e.g. the offending label key (`metadata.labels.app`). */
  readonly at?: string;
  /** Locate the key rather than the value. */
  readonly atKey?: boolean;
  readonly message: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function invalid(
  path: string,
  value: unknown,
  detail: string,
  code: string,
  at?: string,
  atKey?: boolean,
): Finding {
  return {
    severity: 'error',
    code,
    path,
    message: `${path}: Invalid value: ${goValue(value)}: ${detail}`,
    ...(at !== undefined ? { at } : {}),
    ...(atKey ? { atKey } : {}),
  };
}

/** ValidateLabels: keys must be qualified names, values valid label values. */
export function validateLabels(
  labels: Obj | undefined,
  path: string,
  keyCode = 'S1',
  valueCode = 'S2',
  /** The findings are added to this list (and it is returned). */
  out: Finding[] = [],
): Finding[] {
  if (!labels) return out;
  // Indexed loops: this runs for every object of a dump, mostly before the optimising compiler
  // takes it, where each for-of allocates an iterator and a result per step.
  for (const k in labels) {
    const v = labels[k];
    const keyMessages = qualifiedName(k);
    for (let i = 0; i < keyMessages.length; i++) {
      const m = keyMessages[i] as Message;
      out.push(invalid(path, k, m.text, keyCode === 'S1' ? m.code : keyCode, `${path}.${k}`, true));
    }
    const valueMessages = labelValue(String(v));
    for (let i = 0; i < valueMessages.length; i++) {
      const m = valueMessages[i] as Message;
      out.push(invalid(path, v, m.text, valueCode === 'S2' ? m.code : valueCode, `${path}.${k}`));
    }
  }
  return out;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateObjectMeta(meta: Obj | undefined, requiresNamespace: boolean): Finding[] {
  const out: Finding[] = [];
  const m = meta ?? {};
  const name = str(m['name']) ?? '';
  const generateName = str(m['generateName']) ?? '';
  if (name === '' && generateName === '') {
    out.push({
      severity: 'error',
      code: 'M1',
      path: 'metadata.name',
      at: 'metadata',
      message: 'metadata.name: Required value: name or generateName is required',
    });
  } else if (name !== '') {
    const messages = dns1123Subdomain(name);
    for (let i = 0; i < messages.length; i++) {
      const msg = messages[i] as Message;
      out.push(invalid('metadata.name', name, msg.text, msg.code));
    }
  }
  if (generateName !== '') {
    // The trailing '-' of a generateName is masked before checking.
    const masked = generateName.replace(/-$/, 'a');
    for (const msg of dns1123Subdomain(masked))
      out.push(invalid('metadata.generateName', generateName, msg.text, 'M5'));
    out.push({
      severity: 'warning',
      code: 'M5',
      path: 'metadata.generateName',
      message: `from ${generateName}: cannot use generate name with apply (kubectl create works)`,
    });
  }
  const ns = str(m['namespace']);
  if (requiresNamespace && ns !== undefined && ns !== '') {
    const messages = dns1123Label(ns);
    for (let i = 0; i < messages.length; i++) {
      const msg = messages[i] as Message;
      out.push(invalid('metadata.namespace', ns, msg.text, msg.code));
    }
  }
  validateLabels(obj(m['labels']), 'metadata.labels', 'M11', 'M12', out);

  const annotations = obj(m['annotations']);
  if (annotations) {
    let total = 0;
    for (const [k, v] of Object.entries(annotations)) {
      total += byteLength(k) + byteLength(String(v));
      for (const msg of qualifiedName(k.toLowerCase())) {
        out.push(
          invalid('metadata.annotations', k, msg.text, 'M13', `metadata.annotations.${k}`, true),
        );
      }
    }
    if (total > 262144) {
      out.push({
        severity: 'error',
        code: 'M14',
        path: 'metadata.annotations',
        message: 'metadata.annotations: Too long: may not be more than 262144 bytes',
      });
    }
  }
  const generation = m['generation'];
  if (typeof generation === 'number' && generation < 0) {
    out.push(
      invalid('metadata.generation', generation, 'must be greater than or equal to 0', 'M15'),
    );
  }

  // Lists only when the object has them: a pod's metadata usually has none, and this runs for
  // every object of a dump (no closure, no empty list each time).
  const owners = Array.isArray(m['ownerReferences']) ? (m['ownerReferences'] as unknown[]) : NONE;
  if (owners.length > 0) ownerFindings(owners, out);
  const finalizers = Array.isArray(m['finalizers']) ? (m['finalizers'] as unknown[]) : NONE;
  for (let i = 0; i < finalizers.length; i++) {
    const s = String(finalizers[i]);
    const p = `metadata.finalizers[${i}]`;
    for (const msg of qualifiedName(s)) out.push(invalid(p, s, msg.text, 'M17'));
    if (!s.includes('/') && !STANDARD_FINALIZERS.has(s)) {
      out.push(
        invalid(p, s, 'name is neither a standard finalizer name nor is it fully qualified', 'M17'),
      );
    }
  }
  const managed = Array.isArray(m['managedFields']) ? (m['managedFields'] as unknown[]) : NONE;
  for (let i = 0; i < managed.length; i++) managedFieldFindings(managed[i], i, out);

  // M19 (server-written fields) is reported once per kind of field for the whole text: see
  // server-fields.ts.
  return out;
}

const NONE: readonly unknown[] = Object.freeze([]);

/** The findings of metadata.ownerReferences. */
function ownerFindings(owners: readonly unknown[], out: Finding[]): void {
  const controllers: string[] = [];
  owners.forEach((o, i) => {
    const ref = obj(o) ?? {};
    const p = `metadata.ownerReferences[${i}]`;
    for (const f of ['apiVersion', 'kind', 'name', 'uid']) {
      if (!str(ref[f])) {
        out.push({
          severity: 'error',
          code: 'M16',
          path: `${p}.${f}`,
          at: p,
          message: `${p}.${f}: Required value: must not be empty`,
        });
      }
    }
    const apiVersion = str(ref['apiVersion']);
    if (apiVersion && apiVersion.split('/').length > 2) {
      out.push(
        invalid(`${p}.apiVersion`, apiVersion, 'must be <group>/<version> or <version>', 'M16'),
      );
    }
    if (ref['controller'] === true) controllers.push(str(ref['name']) ?? '');
  });
  if (controllers.length > 1) {
    out.push({
      severity: 'error',
      code: 'M16',
      path: 'metadata.ownerReferences',
      message: `metadata.ownerReferences: Invalid value: ${JSON.stringify(owners)}: Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`,
    });
  }
}

/** The findings of one metadata.managedFields entry. */
function managedFieldFindings(e: unknown, i: number, out: Finding[]): void {
  const entry = obj(e) ?? {};
  const p = `metadata.managedFields[${i}]`;
  const op = str(entry['operation']) ?? '';
  if (op !== 'Apply' && op !== 'Update') {
    out.push({
      severity: 'error',
      code: 'M18',
      path: `${p}.operation`,
      ...(entry['operation'] === undefined ? { at: p } : {}),
      message: `${p}.operation: Unsupported value: ${goValue(op, true)}: supported values: "Apply", "Update"`,
    });
  }
  const ft = str(entry['fieldsType']) ?? '';
  if (ft !== 'FieldsV1')
    out.push(
      invalid(
        `${p}.fieldsType`,
        ft,
        'must be `FieldsV1`',
        'M18',
        entry['fieldsType'] === undefined ? p : undefined,
      ),
    );
  if (byteLength(str(entry['manager']) ?? '') > 128) {
    out.push({
      severity: 'error',
      code: 'M18',
      path: `${p}.manager`,
      message: `${p}.manager: Too long: may not be more than 128 bytes`,
    });
  }
}
