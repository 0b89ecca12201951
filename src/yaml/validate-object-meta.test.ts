// ObjectMeta rules M1–M19 as the API server reports them on create, plus the request-level
// namespace rules (M6, M10) kubectl applies.
import { describe, expect, it } from 'vitest';
import { readWorkspace } from './read-workspace.ts';
import type { ReadOptions } from './read-workspace.ts';
import type { Diagnostic } from '../model/types.ts';

/** A valid policy whose metadata body starts on line 4. */
function policy(metadata: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
${metadata
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
spec:
  podSelector: {}
`;
}

function only(text: string, code: string, options: ReadOptions = {}): Diagnostic {
  const found = readWorkspace(text, options).diagnostics.filter((d) => d.code === code);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function expectDiag(
  d: Diagnostic,
  want: { message: string; path: string; line: number; severity?: string },
): void {
  expect(d.message).toBe(want.message);
  expect(d.path).toBe(want.path);
  expect(d.line).toBe(want.line);
  expect(d.severity).toBe(want.severity ?? 'error');
}

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('ObjectMeta (M1–M19)', () => {
  it('M1: no name and no generateName', () => {
    const d = only(policy('namespace: ns'), 'M1');
    expectDiag(d, {
      message: 'metadata.name: Required value: name or generateName is required',
      path: 'metadata.name',
      line: 4,
    });
    expect(d.object).toBe('NetworkPolicy ns/');
  });

  it('M2: a name longer than 253 characters', () => {
    const name = 'a'.repeat(254);
    expectDiag(only(policy(`name: ${name}`), 'M2'), {
      message: `metadata.name: Invalid value: "${name}": must be no more than 253 characters`,
      path: 'metadata.name',
      line: 4,
    });
  });

  it('M3: HTML in a name is an invalid subdomain and stays plain data', () => {
    const text = policy('name: "<img src=x onerror=alert(1)>"');
    expectDiag(only(text, 'M3'), {
      message: `metadata.name: Invalid value: "<img src=x onerror=alert(1)>": ${SUBDOMAIN}`,
      path: 'metadata.name',
      line: 4,
    });
    const p = readWorkspace(text).policies[0]!;
    expect(p.name).toBe('<img src=x onerror=alert(1)>');
    expect(p.valid).toBe(false);
  });

  it('M3: control and bidi characters are Go-quoted in the bad value', () => {
    const d = only(policy('name: "a\\tb\\u202e"'), 'M3');
    expect(d.message.startsWith('metadata.name: Invalid value: "a\\tb\\u202e": ')).toBe(true);
  });

  it('M4 (D11): a number as the name is a decode error', () => {
    expectDiag(only(policy('name: 12345'), 'D11'), {
      message:
        'NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string',
      path: 'metadata.name',
      line: 4,
    });
  });

  it('M5: a bad generateName, and apply refuses generateName', () => {
    const text = policy('generateName: Bad_');
    const found = readWorkspace(text).diagnostics.filter((d) => d.code === 'M5');
    expect(found.map((d) => [d.severity, d.message])).toEqual([
      ['error', `metadata.generateName: Invalid value: "Bad_": ${SUBDOMAIN}`],
      ['warning', 'from Bad_: cannot use generate name with apply (kubectl create works)'],
    ]);
    expect(found[0]!.line).toBe(4);
    // A trailing dash is masked before the check.
    expect(readWorkspace(policy('generateName: web-')).diagnostics.map((d) => d.severity)).toEqual([
      'warning',
    ]);
  });

  it('M6: no namespace after fill-in', () => {
    expectDiag(only(policy('name: p'), 'M6', { defaultNamespace: '' }), {
      message: 'metadata.namespace: Required value',
      path: 'metadata.namespace',
      line: 4,
    });
  });

  it('M7: a namespace longer than 63 characters', () => {
    const ns = 'a'.repeat(64);
    expectDiag(only(policy(`name: p\nnamespace: ${ns}`), 'M7'), {
      message: `metadata.namespace: Invalid value: "${ns}": must be no more than 63 characters`,
      path: 'metadata.namespace',
      line: 5,
    });
  });

  it('M8: a dotted namespace', () => {
    expectDiag(only(policy('name: p\nnamespace: a.b'), 'M8'), {
      message: 'metadata.namespace: Invalid value: "a.b": must not contain dots',
      path: 'metadata.namespace',
      line: 5,
    });
  });

  it('M9: a namespace that is not a DNS label', () => {
    expectDiag(only(policy('name: p\nnamespace: Prod'), 'M9'), {
      message: `metadata.namespace: Invalid value: "Prod": ${LABEL}`,
      path: 'metadata.namespace',
      line: 5,
    });
  });

  it('M10: the object names another namespace than -n', () => {
    const d = only(policy('name: p\nnamespace: a'), 'M10', {
      defaultNamespace: 'b',
      enforceNamespace: true,
    });
    expectDiag(d, {
      message:
        'the namespace from the provided object "a" does not match the namespace "b". You must pass \'--namespace=a\' to perform this operation.',
      path: 'metadata.namespace',
      line: 5,
    });
    expect(
      readWorkspace(policy('name: p\nnamespace: a'), { defaultNamespace: 'b' }).diagnostics,
    ).toEqual([]);
  });

  it('M11: an invalid label key, located at the key', () => {
    const d = only(policy('name: p\nlabels:\n  "-x": a'), 'M11');
    expectDiag(d, {
      message: `metadata.labels: Invalid value: "-x": ${NAME_PART}`,
      path: 'metadata.labels',
      line: 6,
    });
    expect(d.column).toBe(5);
  });

  it('M12: an invalid label value', () => {
    expectDiag(only(policy('name: p\nlabels:\n  a: "x y"'), 'M12'), {
      message: `metadata.labels: Invalid value: "x y": ${LABEL_VALUE}`,
      path: 'metadata.labels',
      line: 6,
    });
  });

  it('M13: annotation keys are checked lower-cased and reported as written', () => {
    expect(
      readWorkspace(policy('name: p\nannotations:\n  Example.com/Note: x')).diagnostics,
    ).toEqual([]);
    expectDiag(only(policy('name: p\nannotations:\n  "Bad Key": x'), 'M13'), {
      message: `metadata.annotations: Invalid value: "Bad Key": ${NAME_PART}`,
      path: 'metadata.annotations',
      line: 6,
    });
  });

  it('M14: annotations above 256 KiB in total', () => {
    const big = 'x'.repeat(262144);
    expectDiag(only(policy(`name: p\nannotations:\n  a: ${big}`), 'M14'), {
      message: 'metadata.annotations: Too long: may not be more than 262144 bytes',
      path: 'metadata.annotations',
      line: 6,
    });
  });

  it('M15: a negative generation', () => {
    expectDiag(only(policy('name: p\ngeneration: -1'), 'M15'), {
      message: 'metadata.generation: Invalid value: -1: must be greater than or equal to 0',
      path: 'metadata.generation',
      line: 5,
    });
  });

  it('M16: an owner reference without uid', () => {
    expectDiag(
      only(
        policy('name: p\nownerReferences:\n- {apiVersion: v1, kind: ConfigMap, name: c}'),
        'M16',
      ),
      {
        message: 'metadata.ownerReferences[0].uid: Required value: must not be empty',
        path: 'metadata.ownerReferences[0].uid',
        line: 6,
      },
    );
  });

  it('M17: a finalizer that is neither standard nor qualified', () => {
    expectDiag(only(policy('name: p\nfinalizers: [foo]'), 'M17'), {
      message:
        'metadata.finalizers[0]: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified',
      path: 'metadata.finalizers[0]',
      line: 5,
    });
  });

  it('M18: a managedFields entry with a bad operation', () => {
    const found = readWorkspace(
      policy('name: p\nmanagedFields:\n- manager: m\n  operation: Patch\n  fieldsType: FieldsV1'),
    ).diagnostics.filter((d) => d.code === 'M18');
    expect(found).toHaveLength(1);
    expectDiag(found[0]!, {
      message:
        'metadata.managedFields[0].operation: Unsupported value: "Patch": supported values: "Apply", "Update"',
      path: 'metadata.managedFields[0].operation',
      line: 7,
    });
  });

  it('M19: server-set fields from kubectl get are warnings, and the policy stays valid', () => {
    const text = policy(
      'name: p\nresourceVersion: "123"\nuid: 0b7c\ncreationTimestamp: "2026-01-01T00:00:00Z"\ngeneration: 2\nannotations:\n  kubectl.kubernetes.io/last-applied-configuration: "{}"',
    );
    const r = readWorkspace(text);
    const found = r.diagnostics.filter((d) => d.code === 'M19');
    expect(found.map((d) => [d.severity, d.path, d.line])).toEqual([
      ['warning', 'metadata.resourceVersion', 5],
      ['warning', 'metadata.uid', 6],
      ['warning', 'metadata.creationTimestamp', 7],
      ['warning', 'metadata.generation', 8],
      ['warning', 'metadata.annotations', 10],
    ]);
    expect(found[0]!.message).toBe(
      'metadata.resourceVersion is set by the API server (kubectl get output), here on 1 object: create refuses it ("resourceVersion should not be set on objects to be created") and apply accepts it, but a stale one fails with "the object has been modified"; remove it from manifests you keep',
    );
    expect(r.policies[0]!.valid).toBe(true);
  });
});
