// Decodes positioned YAML into typed values the way the API server decodes JSON into Go structs:
// type mismatches with Go's wording, strict unknown and duplicate fields, nulls as zero values.
// Every decoded node is recorded by field path so diagnostics can point at the text.
import type { YMap, YMapEntry, YNode, YScalar } from './yaml-tree.ts';
import { describeScalar, resolveKubernetes, resolveYaml12, sameScalar } from './scalars.ts';
import type { Scalar } from './scalars.ts';
import { goQuote } from './validation-messages.ts';

function goValueOf(s: Scalar): string {
  if (s.type === 'null') return '<nil>';
  if (s.type === 'string') return goQuote(s.value);
  return s.type === 'number' ? s.json : String(s.value);
}

export type FieldSpec =
  | { readonly t: 'string' }
  | { readonly t: 'int32' }
  | { readonly t: 'int64' }
  | { readonly t: 'bool' }
  | { readonly t: 'intOrString' }
  /** metav1.Time: a string or null. */
  | { readonly t: 'time' }
  /** map[string]string */
  | { readonly t: 'map' }
  | { readonly t: 'list'; readonly of: FieldSpec; readonly go: string }
  | {
      readonly t: 'struct';
      readonly name: string;
      readonly go: string;
      readonly fields: () => Readonly<Record<string, FieldSpec>>;
      /** Unknown fields are kept out silently (kinds whose full schema we do not carry). */
      readonly open?: boolean;
    }
  /** Anything: kept as YAML, not decoded (e.g. managedFields[].fieldsV1). */
  | { readonly t: 'any' };

export interface DecodeIssue {
  readonly kind:
    'type' | 'unknown' | 'duplicate' | 'yaml11' | 'hint' | 'tag' | 'null-key' | 'null-item';
  /** Rule id for YAML 1.1 findings (`yaml-1.1-number`, `yaml-1.1-key`, …). */
  readonly code?: string;
  readonly message: string;
  /** Indexed field path from the object root (`spec.ingress[0].ports[0].port`). */
  readonly path: string;
  readonly node: YNode;
}

export interface Decoded {
  readonly value: Record<string, unknown> | null;
  readonly issues: readonly DecodeIssue[];
  /** Value nodes by indexed field path ('' is the object itself). */
  readonly nodes: ReadonlyMap<string, YNode>;
  /** Key nodes by indexed field path. */
  readonly keys: ReadonlyMap<string, YNode>;
}

// go-yaml v2 knows these; any other tag (`!foo`, `!!python/...`) is refused here.
const STANDARD_TAGS = new Set([
  '!!str',
  '!!int',
  '!!float',
  '!!bool',
  '!!null',
  '!!map',
  '!!seq',
  '!!timestamp',
  '!!binary',
  '!!merge',
  '!',
]);

const goTypeOf = (spec: FieldSpec): string => {
  switch (spec.t) {
    case 'string':
      return 'string';
    case 'int32':
    case 'intOrString':
      return 'int32';
    case 'int64':
      return 'int64';
    case 'bool':
      return 'bool';
    case 'time':
      return 'v1.Time';
    case 'map':
      return 'map[string]string';
    case 'list':
      return spec.go;
    case 'struct':
      return spec.go;
    case 'any':
      return 'interface {}';
  }
};

function newObject(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

const NOT_RECORDED = new Map<string, YNode>();

// What a field accepts, for the YAML 1.1 hints (module constants: no closure per scalar).
const STRING_OR_NULL = (x: Scalar) => x.type === 'string' || x.type === 'null';
const BOOL = (x: Scalar) => x.type === 'bool';
const INTEGER = (x: Scalar) => x.type === 'number' && x.integer;
const INTEGER_OR_STRING = (x: Scalar) => (x.type === 'number' ? x.integer : x.type === 'string');

class Decoder {
  readonly issues: DecodeIssue[] = [];
  // Written only when recording: most decoders share one empty map instead of making two.
  readonly nodes: Map<string, YNode>;
  readonly keys: Map<string, YNode>;
  private typeErrorSeen = false;

  constructor(
    private readonly prefix: string,
    private readonly lineOf: (offset: number) => number,
    /** Record every node by path (only when a finding must be located: most objects have none). */
    private readonly record = false,
  ) {
    this.nodes = record ? new Map() : NOT_RECORDED;
    this.keys = record ? new Map() : NOT_RECORDED;
  }

  private typeError(
    node: YNode,
    path: string,
    jsonKind: string,
    parent: string,
    goPath: string,
    goType: string,
  ) {
    // Go's decoder reports only the first type error of an object.
    if (this.typeErrorSeen) return;
    this.typeErrorSeen = true;
    this.issues.push({
      kind: 'type',
      path,
      node,
      message: `${this.prefix}json: cannot unmarshal ${jsonKind} into Go struct field ${parent}.${goPath} of type ${goType}`,
    });
  }

  /** Resolves a scalar as Kubernetes does and notes where YAML 1.2 tools would differ. */
  private scalar(
    node: YScalar,
    path: string,
    accepted: (s: Scalar) => boolean,
    resolved?: Scalar,
  ): Scalar {
    if (
      node.tag !== null &&
      !STANDARD_TAGS.has(node.tag) &&
      !node.tag.startsWith('tag:yaml.org,2002:')
    ) {
      this.issues.push({
        kind: 'tag',
        path,
        node,
        message: `unknown tag ${node.tag}: Kubernetes cannot read this value`,
      });
    }
    const k8s = resolved ?? resolveKubernetes(node);
    if (k8s.type === 'number' && !Number.isFinite(k8s.value)) {
      // JSON has no infinities or NaN: the YAML→JSON step itself fails.
      const shown = Number.isNaN(k8s.value) ? 'NaN' : k8s.value > 0 ? '+Inf' : '-Inf';
      this.issues.push({
        kind: 'null-key',
        path,
        node,
        message: `error converting YAML to JSON: json: unsupported value: ${shown}`,
      });
    }
    // Whatever a YAML 1.1 reader takes for a string, a YAML 1.2 reader does too.
    if (k8s.type === 'string') return k8s;
    const y12 = resolveYaml12(node);
    if (!sameScalar(k8s, y12)) {
      if (accepted(k8s)) {
        this.issues.push({
          kind: 'yaml11',
          code: `yaml-1.1-${k8s.type}`,
          path,
          node,
          message: `kubectl reads ${node.text} as ${describeScalar(k8s)} (YAML 1.1), while YAML 1.2 tools read ${describeScalar(y12)}; quote or rewrite it to remove the doubt`,
        });
      } else if (accepted(y12)) {
        this.issues.push({
          kind: 'hint',
          code: `yaml-1.1-${k8s.type}`,
          path,
          node,
          message: `kubectl reads unquoted ${node.text} as ${describeScalar(k8s)} (YAML 1.1); write "${node.text}" in quotes to mean the text`,
        });
      }
    }
    return k8s;
  }

  private jsonKind(node: YNode, s?: Scalar, withLiteral = false): string {
    if (node.kind === 'map') return 'object';
    if (node.kind === 'seq') return 'array';
    const sc = s ?? resolveKubernetes(node);
    if (sc.type === 'number') return withLiteral ? `number ${sc.json}` : 'number';
    if (sc.type === 'null') return 'null';
    return sc.type;
  }

  /** Map entries with `<<` merge keys expanded (go-yaml v2 supports them; explicit keys win). */
  private entries(map: YMap): readonly YMapEntry[] {
    if (!map.entries.some((e) => e.key.kind === 'scalar' && e.key.text === '<<'))
      return map.entries;
    const merged: YMapEntry[] = [];
    const own = map.entries.filter(
      (e) => !(e.key.kind === 'scalar' && e.key.style === 'plain' && e.key.text === '<<'),
    );
    const ownKeys = new Set(own.map((e) => (e.key.kind === 'scalar' ? e.key.text : '')));
    for (const e of map.entries) {
      if (!(e.key.kind === 'scalar' && e.key.style === 'plain' && e.key.text === '<<')) continue;
      const sources = e.value.kind === 'seq' ? e.value.items : [e.value];
      for (const src of sources) {
        if (src.kind !== 'map') continue;
        for (const inner of this.entries(src)) {
          const k = inner.key.kind === 'scalar' ? inner.key.text : '';
          if (!ownKeys.has(k)) {
            ownKeys.add(k);
            merged.push(inner);
          }
        }
      }
    }
    return [...own, ...merged];
  }

  /** The JSON key Kubernetes sees for a mapping key (YAML 1.1: `yes:` becomes "true"). */
  private keyText(key: YNode, value: YNode, path: string): string | null {
    if (key.kind !== 'scalar') return null;
    const k8s = resolveKubernetes(key);
    if (k8s.type === 'null') {
      // sigs.k8s.io/yaml prints the key and value with Go's %#v.
      const shown =
        value.kind === 'scalar'
          ? goValueOf(resolveKubernetes(value))
          : value.kind === 'map'
            ? 'map[interface {}]interface {}{...}'
            : '[]interface {}{...}';
      this.issues.push({
        kind: 'null-key',
        path,
        node: key,
        message: `error converting YAML to JSON: yaml: unsupported map key of type: %!s(<nil>), key: <nil>, value: ${shown}`,
      });
      return null;
    }
    const text =
      k8s.type === 'string'
        ? k8s.value
        : k8s.type === 'number'
          ? k8s.json
          : k8s.type === 'bool'
            ? String(k8s.value)
            : key.text;
    if (text !== key.text) {
      this.issues.push({
        kind: 'yaml11',
        code: 'yaml-1.1-key',
        path,
        node: key,
        message: `kubectl reads the key ${key.text} as "${text}" (YAML 1.1); quote it to keep "${key.text}"`,
      });
    }
    return text;
  }

  decode(node: YNode, spec: FieldSpec, path: string, goPath: string, parent: string): unknown {
    if (this.record) this.nodes.set(path, node);
    if (node.kind !== 'scalar' && node.tag !== null && !STANDARD_TAGS.has(node.tag)) {
      this.issues.push({
        kind: 'tag',
        path,
        node,
        message: `unknown tag ${node.tag}: Kubernetes cannot read this value`,
      });
    }
    // Resolved once here and handed to `scalar` below.
    const resolved = node.kind === 'scalar' ? resolveKubernetes(node) : undefined;
    const isNull = resolved !== undefined && resolved.type === 'null';
    if (isNull && spec.t !== 'string') return undefined;
    switch (spec.t) {
      case 'any':
        return node;
      case 'string':
      case 'time': {
        if (node.kind !== 'scalar')
          return (
            this.typeError(node, path, this.jsonKind(node), parent, goPath, goTypeOf(spec)),
            undefined
          );
        const s = this.scalar(node, path, STRING_OR_NULL, resolved);
        if (s.type === 'null') return undefined;
        if (s.type !== 'string')
          return (
            this.typeError(node, path, this.jsonKind(node, s), parent, goPath, goTypeOf(spec)),
            undefined
          );
        return s.value;
      }
      case 'bool': {
        if (node.kind !== 'scalar')
          return (
            this.typeError(node, path, this.jsonKind(node), parent, goPath, 'bool'),
            undefined
          );
        const s = this.scalar(node, path, BOOL, resolved);
        if (s.type !== 'bool')
          return (
            this.typeError(node, path, this.jsonKind(node, s), parent, goPath, 'bool'),
            undefined
          );
        return s.value;
      }
      case 'int32':
      case 'int64':
      case 'intOrString': {
        const goType = spec.t === 'int64' ? 'int64' : 'int32';
        if (node.kind !== 'scalar')
          return (
            this.typeError(node, path, this.jsonKind(node), parent, goPath, goType),
            undefined
          );
        const s = this.scalar(
          node,
          path,
          spec.t === 'intOrString' ? INTEGER_OR_STRING : INTEGER,
          resolved,
        );
        if (s.type === 'string' && spec.t === 'intOrString') {
          if (s.tooLarge) return this.tooLargePort(node, path, s.value);
          return s.value;
        }
        if (s.type !== 'number')
          return (
            this.typeError(node, path, this.jsonKind(node, s), parent, goPath, goType),
            undefined
          );
        const limit = goType === 'int32' ? 2 ** 31 : 2 ** 63;
        if (!s.integer || s.value < -limit || s.value >= limit || !Number.isFinite(s.value)) {
          return (
            this.typeError(node, path, this.jsonKind(node, s, true), parent, goPath, goType),
            undefined
          );
        }
        return s.value;
      }
      case 'map': {
        if (node.kind !== 'map')
          return (
            this.typeError(node, path, this.jsonKind(node), parent, goPath, 'map[string]string'),
            undefined
          );
        const out = newObject();
        this.duplicates(node, path);
        for (const e of this.entries(node)) {
          const k = this.keyText(e.key, e.value, path);
          if (k === null) continue;
          if (this.record) {
            this.keys.set(`${path}.${k}`, e.key);
            this.nodes.set(`${path}.${k}`, e.value);
          }
          if (e.value.kind !== 'scalar') {
            this.typeError(e.value, path, this.jsonKind(e.value), parent, goPath, 'string');
            continue;
          }
          const s = this.scalar(e.value, path, STRING_OR_NULL);
          // DF8: a null value in a map[string]string is the empty string.
          if (s.type === 'null') out[k] = '';
          else if (s.type === 'string') out[k] = s.value;
          else this.typeError(e.value, path, this.jsonKind(e.value, s), parent, goPath, 'string');
        }
        return out;
      }
      case 'list': {
        if (node.kind !== 'seq')
          return (
            this.typeError(node, path, this.jsonKind(node), parent, goPath, spec.go),
            undefined
          );
        return node.items.map((item, i) => {
          const itemPath = `${path}[${i}]`;
          const itemNull = item.kind === 'scalar' && resolveKubernetes(item).type === 'null';
          // DF7: a null list item is the zero value of the element type.
          if (itemNull) {
            if (this.record) this.nodes.set(itemPath, item);
            if (spec.of.t === 'struct') this.nullItem(item, itemPath, spec.of.name);
            return spec.of.t === 'struct' ? newObject() : spec.of.t === 'string' ? '' : undefined;
          }
          return this.decode(item, spec.of, itemPath, goPath, parent);
        });
      }
      case 'struct': {
        if (node.kind !== 'map')
          return (
            this.typeError(node, path, this.jsonKind(node), parent, goPath, spec.go),
            undefined
          );
        const fields = spec.fields();
        const out = newObject();
        this.duplicates(node, path);
        for (const e of this.entries(node)) {
          const k = this.keyText(e.key, e.value, path);
          if (k === null) continue;
          const childPath = path === '' ? k : `${path}.${k}`;
          if (this.record) this.keys.set(childPath, e.key);
          const field = Object.prototype.hasOwnProperty.call(fields, k) ? fields[k] : undefined;
          if (!field) {
            if (!spec.open) {
              this.issues.push({
                kind: 'unknown',
                path: childPath,
                node: e.key,
                message: `${this.prefix}strict decoding error: unknown field "${childPath}"`,
              });
            }
            continue;
          }
          const v = this.decode(
            e.value,
            field,
            childPath,
            goPath === '' ? k : `${goPath}.${k}`,
            spec.name,
          );
          if (v !== undefined) out[k] = v;
        }
        return out;
      }
    }
  }

  /**
   * A port of hundreds of digits: go-yaml keeps it as text (no Go number holds it) and the server
   * then refuses it as a port name. Said as the out-of-range port it was meant to be, with the
   * digits shortened so the message stays readable.
   */
  private tooLargePort(node: YNode, path: string, digits: string): undefined {
    const shown =
      digits.length > 20
        ? `${digits.slice(0, 10)}…${digits.slice(-4)} (${digits.length} digits)`
        : digits;
    if (this.typeErrorSeen) return undefined;
    this.typeErrorSeen = true;
    this.issues.push({
      kind: 'type',
      code: 'T1',
      path,
      node,
      message: `${path}: Invalid value: ${shown}: must be between 1 and 65535, inclusive (kubectl reads a number this large as text, which the API server refuses as a port name)`,
    });
    return undefined;
  }

  /** A `- ~` item is read as an empty struct: harmless-looking text with wide meaning. */
  private nullItem(node: YNode, path: string, struct: string): void {
    const meaning: Record<string, string> = {
      NetworkPolicyIngressRule:
        'an empty ingress rule, which allows all incoming traffic on every port',
      NetworkPolicyEgressRule:
        'an empty egress rule, which allows all outgoing traffic on every port',
      NetworkPolicyPort: 'an empty port entry, which allows every TCP port',
    };
    const what = meaning[struct];
    if (!what) return; // peers are reported by validation (must specify a peer)
    this.issues.push({
      kind: 'null-item',
      path,
      node,
      message: `${path}: a null list item is read as ${what}`,
    });
  }

  private duplicates(map: YMap, path: string): void {
    for (const key of map.duplicates) {
      const k = key.kind === 'scalar' ? key.text : '?';
      const p = path === '' ? k : `${path}.${k}`;
      // A duplicate in JSON-style text (flow map, quoted keys) is the JSON decoder's D13; in YAML
      // it is go-yaml's D14. kubectl's own YAML→JSON step would keep the last key silently.
      const json = map.flow && key.kind === 'scalar' && key.style === 'double';
      this.issues.push({
        kind: 'duplicate',
        code: json ? 'D13' : 'D14',
        path: p,
        node: key,
        message: json
          ? `${this.prefix}strict decoding error: duplicate field ${goQuote(p)}`
          : `${this.prefix}strict decoding error: yaml: unmarshal errors:\n  line ${this.lineOf(key.start)}: key ${goQuote(k)} already set in map`,
      });
    }
  }
}

/**
 * Decodes an object document or List item. `prefix` starts type and strict-field messages, e.g.
 * `NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: `.
 */
export function decodeObject(
  node: YNode,
  spec: Extract<FieldSpec, { t: 'struct' }>,
  prefix: string,
  lineOf: (offset: number) => number = () => 1,
): Decoded {
  const d = new Decoder(prefix, lineOf);
  const value = d.decode(node, spec, '', '', spec.name);
  // Stages stop at their first failure: a YAML→JSON error hides decoding, and the server reports
  // strict-field problems only when the object decoded without a type error.
  const converted = !d.issues.some((i) => i.kind === 'null-key');
  const typed = d.issues.some((i) => i.kind === 'type');
  const later = converted
    ? typed
      ? ['unknown', 'duplicate']
      : []
    : ['type', 'unknown', 'duplicate'];
  // The nodes by path are recorded by a second, identical run, the first time they are asked for.
  let recorded: Decoder | null = null;
  const recorder = (): Decoder => {
    if (!recorded) {
      recorded = new Decoder(prefix, lineOf, true);
      recorded.decode(node, spec, '', '', spec.name);
    }
    return recorded;
  };
  return {
    value: (value as Record<string, unknown> | undefined) ?? null,
    issues: d.issues.filter((i) => !later.includes(i.kind)),
    get nodes() {
      return recorder().nodes;
    },
    get keys() {
      return recorder().keys;
    },
  };
}
