// Decodes positioned YAML into typed values the way the API server decodes JSON into Go structs:
// type mismatches with Go's wording, strict unknown and duplicate fields, nulls as zero values.
// Every decoded node is recorded by field path so diagnostics can point at the text.
import type { YMap, YMapEntry, YNode, YScalar } from './yaml-tree.ts';
import {
  certainSmallInteger,
  certainString,
  describeScalar,
  isNullPlainText,
  isNullScalar,
  resolveKubernetes,
  resolveYaml12,
  sameScalar,
} from './scalars.ts';
import type { Scalar } from './scalars.ts';
import { goQuote } from './validation-messages.ts';
import { PlainMap, PlainScalar } from './plain-values.ts';
import type { PlainValue } from './plain-values.ts';

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

/**
 * An ordinary object (its prototype is Object.prototype, as `{}`'s), made by a constructor: V8
 * sizes such objects to the most fields they were given, where `{}` has room for four and a fifth
 * (a pod's `apiVersion, kind, metadata, spec, status`) allocates a separate property store.
 */
const Struct = function Struct(this: object) {} as unknown as new () => Record<string, unknown>;
Struct.prototype = Object.prototype;

/** A struct's fields are schema names only, never user keys: an ordinary object is safe. */
function newStruct(): Record<string, unknown> {
  return new Struct();
}

const NOT_RECORDED = new Map<string, YNode>();

// What a field accepts, for the YAML 1.1 hints (module constants: no closure per scalar).
const STRING_OR_NULL = (x: Scalar) => x.type === 'string' || x.type === 'null';
const BOOL = (x: Scalar) => x.type === 'bool';
const INTEGER = (x: Scalar) => x.type === 'number' && x.integer;
const INTEGER_OR_STRING = (x: Scalar) => (x.type === 'number' ? x.integer : x.type === 'string');

const isMergeKey = (e: YMapEntry) =>
  e.key.kind === 'scalar' && e.key.style === 'plain' && e.key.text === '<<';

class Decoder {
  readonly issues: DecodeIssue[] = [];
  // Written only when recording: most decoders share one empty map instead of making two.
  readonly nodes: Map<string, YNode>;
  readonly keys: Map<string, YNode>;
  private typeErrorSeen = false;
  /**
   * Where the decoder is: field names and list indices from the object root. The path strings
   * (`spec.ingress[0].from`) are built from it only when an issue or a recorded node needs one.
   */
  private readonly at: (string | number)[] = [];

  constructor(
    private readonly prefix: string,
    private readonly lineOf: (offset: number) => number,
    /** Record every node by path (only when a finding must be located: most objects have none). */
    private readonly record = false,
  ) {
    this.nodes = record ? new Map() : NOT_RECORDED;
    this.keys = record ? new Map() : NOT_RECORDED;
  }

  /** Forgets what it decoded, to decode another value from the object root. */
  clear(): void {
    this.issues.length = 0;
    this.typeErrorSeen = false;
    this.at.length = 0;
  }

  /** The indexed field path of where the decoder is (`spec.ingress[0].from`). */
  private path(): string {
    let p = '';
    for (let i = 0; i < this.at.length; i++) {
      const seg = this.at[i] as string | number;
      if (typeof seg === 'number') p = `${p}[${seg}]`;
      else p = p === '' ? seg : `${p}.${seg}`;
    }
    return p;
  }

  /** The Go field path (field names only, no indices) of where the decoder is. */
  private goPath(): string {
    let p = '';
    for (let i = 0; i < this.at.length; i++) {
      const seg = this.at[i] as string | number;
      if (typeof seg === 'string') p = p === '' ? seg : `${p}.${seg}`;
    }
    return p;
  }

  private typeError(node: YNode, jsonKind: string, parent: string, goType: string) {
    // Go's decoder reports only the first type error of an object.
    if (this.typeErrorSeen) return;
    this.typeErrorSeen = true;
    this.issues.push({
      kind: 'type',
      path: this.path(),
      node,
      message: `${this.prefix}json: cannot unmarshal ${jsonKind} into Go struct field ${parent}.${this.goPath()} of type ${goType}`,
    });
  }

  /** Resolves a scalar as Kubernetes does and notes where YAML 1.2 tools would differ. */
  private scalar(node: YScalar, accepted: (s: Scalar) => boolean, resolved?: Scalar): Scalar {
    if (
      node.tag !== null &&
      !STANDARD_TAGS.has(node.tag) &&
      !node.tag.startsWith('tag:yaml.org,2002:')
    ) {
      this.issues.push({
        kind: 'tag',
        path: this.path(),
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
        path: this.path(),
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
          path: this.path(),
          node,
          message: `kubectl reads ${node.text} as ${describeScalar(k8s)} (YAML 1.1), while YAML 1.2 tools read ${describeScalar(y12)}; quote or rewrite it to remove the doubt`,
        });
      } else if (accepted(y12)) {
        this.issues.push({
          kind: 'hint',
          code: `yaml-1.1-${k8s.type}`,
          path: this.path(),
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
    const list = map.entries;
    let merge = false;
    for (let i = 0; i < list.length; i++) {
      const key = (list[i] as YMapEntry).key;
      if (key.kind === 'scalar' && key.text === '<<') {
        merge = true;
        break;
      }
    }
    if (!merge) return list;
    const merged: YMapEntry[] = [];
    const own = list.filter((e) => !isMergeKey(e));
    const ownKeys = new Set(own.map((e) => (e.key.kind === 'scalar' ? e.key.text : '')));
    for (const e of list) {
      if (!isMergeKey(e)) continue;
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
  private keyText(key: YNode, value: YNode): string | null {
    if (key.kind !== 'scalar') return null;
    const plain = certainString(key);
    if (plain !== undefined) return plain;
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
        path: this.path(),
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
        path: this.path(),
        node: key,
        message: `kubectl reads the key ${key.text} as "${text}" (YAML 1.1); quote it to keep "${key.text}"`,
      });
    }
    return text;
  }

  /** Decodes `node` as `spec`, at the field path `this.at` holds; `parent`: the Go struct's name. */
  decode(node: YNode, spec: FieldSpec, parent: string): unknown {
    if (this.record) this.nodes.set(this.path(), node);
    let resolved: Scalar | undefined;
    if (node.kind === 'scalar') {
      // The common scalars, read with no doubt and no Scalar built.
      switch (spec.t) {
        case 'string':
        case 'time':
        case 'intOrString': {
          const text = certainString(node);
          if (text !== undefined) return text;
          if (spec.t === 'intOrString') {
            const n = certainSmallInteger(node);
            if (n !== undefined && n < 2 ** 31) return n;
          }
          break;
        }
        case 'int32':
        case 'int64': {
          const n = certainSmallInteger(node);
          if (n !== undefined && (spec.t === 'int64' || n < 2 ** 31)) return n;
          break;
        }
        case 'bool':
          if (node.tag === null && node.style === 'plain') {
            if (node.text === 'true') return true;
            if (node.text === 'false') return false;
          }
          break;
      }
      // Resolved once here and handed to `scalar` below.
      resolved = resolveKubernetes(node);
      if (resolved.type === 'null' && spec.t !== 'string') return undefined;
    } else if (node.tag !== null && !STANDARD_TAGS.has(node.tag)) {
      this.issues.push({
        kind: 'tag',
        path: this.path(),
        node,
        message: `unknown tag ${node.tag}: Kubernetes cannot read this value`,
      });
    }
    switch (spec.t) {
      case 'any':
        return node;
      case 'string':
      case 'time': {
        if (node.kind !== 'scalar')
          return (this.typeError(node, this.jsonKind(node), parent, goTypeOf(spec)), undefined);
        const s = this.scalar(node, STRING_OR_NULL, resolved);
        if (s.type === 'null') return undefined;
        if (s.type !== 'string')
          return (this.typeError(node, this.jsonKind(node, s), parent, goTypeOf(spec)), undefined);
        return s.value;
      }
      case 'bool': {
        if (node.kind !== 'scalar')
          return (this.typeError(node, this.jsonKind(node), parent, 'bool'), undefined);
        const s = this.scalar(node, BOOL, resolved);
        if (s.type !== 'bool')
          return (this.typeError(node, this.jsonKind(node, s), parent, 'bool'), undefined);
        return s.value;
      }
      case 'int32':
      case 'int64':
      case 'intOrString': {
        const goType = spec.t === 'int64' ? 'int64' : 'int32';
        if (node.kind !== 'scalar')
          return (this.typeError(node, this.jsonKind(node), parent, goType), undefined);
        const s = this.scalar(
          node,
          spec.t === 'intOrString' ? INTEGER_OR_STRING : INTEGER,
          resolved,
        );
        if (s.type === 'string' && spec.t === 'intOrString') {
          if (s.tooLarge) return this.tooLargePort(node, s.value);
          return s.value;
        }
        if (s.type !== 'number')
          return (this.typeError(node, this.jsonKind(node, s), parent, goType), undefined);
        const limit = goType === 'int32' ? 2 ** 31 : 2 ** 63;
        if (!s.integer || s.value < -limit || s.value >= limit || !Number.isFinite(s.value)) {
          return (this.typeError(node, this.jsonKind(node, s, true), parent, goType), undefined);
        }
        return s.value;
      }
      case 'map': {
        if (node.kind !== 'map')
          return (
            this.typeError(node, this.jsonKind(node), parent, 'map[string]string'),
            undefined
          );
        const out = newObject();
        if (node.duplicates.length > 0) this.duplicates(node);
        const entries = this.entries(node);
        for (let i = 0; i < entries.length; i++) {
          const e = entries[i] as YMapEntry;
          const k = this.keyText(e.key, e.value);
          if (k === null) continue;
          if (this.record) {
            const path = this.path();
            this.keys.set(`${path}.${k}`, e.key);
            this.nodes.set(`${path}.${k}`, e.value);
          }
          const value = e.value;
          if (value.kind !== 'scalar') {
            this.typeError(value, this.jsonKind(value), parent, 'string');
            continue;
          }
          const text = certainString(value);
          if (text !== undefined) {
            out[k] = text;
            continue;
          }
          const s = this.scalar(value, STRING_OR_NULL);
          // DF8: a null value in a map[string]string is the empty string.
          if (s.type === 'null') out[k] = '';
          else if (s.type === 'string') out[k] = s.value;
          else this.typeError(value, this.jsonKind(value, s), parent, 'string');
        }
        return out;
      }
      case 'list': {
        if (node.kind !== 'seq')
          return (this.typeError(node, this.jsonKind(node), parent, spec.go), undefined);
        const items = node.items;
        const out: unknown[] = [];
        const of = spec.of;
        for (let i = 0; i < items.length; i++) {
          const item = items[i] as YNode;
          this.at.push(i);
          // DF7: a null list item is the zero value of the element type.
          if (item.kind === 'scalar' && isNullScalar(item)) {
            if (this.record) this.nodes.set(this.path(), item);
            if (of.t === 'struct') this.nullItem(item, of.name);
            out.push(of.t === 'struct' ? newStruct() : of.t === 'string' ? '' : undefined);
          } else {
            out.push(this.decode(item, of, parent));
          }
          this.at.pop();
        }
        return out;
      }
      case 'struct': {
        if (node.kind !== 'map')
          return (this.typeError(node, this.jsonKind(node), parent, spec.go), undefined);
        const fields = spec.fields();
        const out = newStruct();
        if (node.duplicates.length > 0) this.duplicates(node);
        const entries = this.entries(node);
        for (let i = 0; i < entries.length; i++) {
          const e = entries[i] as YMapEntry;
          const k = this.keyText(e.key, e.value);
          if (k === null) continue;
          this.at.push(k);
          if (this.record) this.keys.set(this.path(), e.key);
          const field = Object.prototype.hasOwnProperty.call(fields, k) ? fields[k] : undefined;
          if (!field) {
            if (!spec.open) {
              const childPath = this.path();
              this.issues.push({
                kind: 'unknown',
                path: childPath,
                node: e.key,
                message: `${this.prefix}strict decoding error: unknown field "${childPath}"`,
              });
            }
          } else {
            const v = this.decode(e.value, field, spec.name);
            if (v !== undefined) out[k] = v;
          }
          this.at.pop();
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
  private tooLargePort(node: YNode, digits: string): undefined {
    const shown =
      digits.length > 20
        ? `${digits.slice(0, 10)}…${digits.slice(-4)} (${digits.length} digits)`
        : digits;
    if (this.typeErrorSeen) return undefined;
    this.typeErrorSeen = true;
    const path = this.path();
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
  private nullItem(node: YNode, struct: string): void {
    const meaning: Record<string, string> = {
      NetworkPolicyIngressRule:
        'an empty ingress rule, which allows all incoming traffic on every port',
      NetworkPolicyEgressRule:
        'an empty egress rule, which allows all outgoing traffic on every port',
      NetworkPolicyPort: 'an empty port entry, which allows every TCP port',
    };
    const what = meaning[struct];
    if (!what) return; // peers are reported by validation (must specify a peer)
    const path = this.path();
    this.issues.push({
      kind: 'null-item',
      path,
      node,
      message: `${path}: a null list item is read as ${what}`,
    });
  }

  private duplicates(map: YMap): void {
    const path = this.path();
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
  const value = (d.decode(node, spec, spec.name) as Record<string, unknown> | undefined) ?? null;
  return new DecodedObject(value, kept(d.issues), node, spec, prefix, lineOf);
}

const NO_ISSUES: readonly DecodeIssue[] = [];

/**
 * Stages stop at their first failure: a YAML→JSON error hides decoding, and the server reports
 * strict-field problems only when the object decoded without a type error.
 */
function kept(issues: readonly DecodeIssue[]): readonly DecodeIssue[] {
  if (issues.length === 0) return NO_ISSUES;
  const converted = !issues.some((i) => i.kind === 'null-key');
  const typed = issues.some((i) => i.kind === 'type');
  const later = converted
    ? typed
      ? ['unknown', 'duplicate']
      : []
    : ['type', 'unknown', 'duplicate'];
  return issues.filter((i) => !later.includes(i.kind));
}

/** The nodes by path are recorded by a second, identical run, the first time they are asked for. */
class DecodedObject implements Decoded {
  private recorded: Decoder | null = null;

  constructor(
    readonly value: Record<string, unknown> | null,
    readonly issues: readonly DecodeIssue[],
    private readonly node: YNode,
    private readonly spec: Extract<FieldSpec, { t: 'struct' }>,
    private readonly prefix: string,
    private readonly lineOf: (offset: number) => number,
  ) {}

  private recorder(): Decoder {
    if (!this.recorded) {
      this.recorded = new Decoder(this.prefix, this.lineOf, true);
      this.recorded.decode(this.node, this.spec, this.spec.name);
    }
    return this.recorded;
  }

  get nodes(): ReadonlyMap<string, YNode> {
    return this.recorder().nodes;
  }

  get keys(): ReadonlyMap<string, YNode> {
    return this.recorder().keys;
  }
}

/** Thrown inside `decodePlainObject` where the decoder would have something to say. */
const NOT_PLAIN = new Error('the plain values need the positioned decoder');

/**
 * What the decoder gives for an `any` field (a positioned node, which nothing reads): an object
 * for every value that is not null.
 */
const PLAIN_ANY: Readonly<Record<string, unknown>> = Object.freeze({});

const STRING_FIELD: FieldSpec = { t: 'string' };

/** The decoder's own reading of an uncertain plain scalar; NOT_PLAIN when it has an issue. */
function decodePlainScalar(text: string, spec: FieldSpec): unknown {
  const d = scalarDecoder;
  d.clear();
  const value = d.decode(plainNode(text), spec, '');
  if (d.issues.length > 0) throw NOT_PLAIN;
  return value;
}

/** One decoder for every uncertain plain scalar (cleared before each). */
const scalarDecoder = new Decoder('', () => 1);

/** `Decoder.decode` on plain values, for values it would decode without an issue. */
function decodePlain(v: PlainValue, spec: FieldSpec): unknown {
  // Null (or a plain null word, which the decoder reads alike in YAML 1.1 and 1.2): no value.
  if (v === null) return undefined;
  if (spec.t === 'any') {
    if (v instanceof PlainScalar && isNullPlainText(v.text)) return undefined;
    return PLAIN_ANY;
  }
  if (typeof v === 'string') {
    // Surely a string: what string fields take, and a type error for any other.
    if (spec.t === 'string' || spec.t === 'time' || spec.t === 'intOrString') return v;
    throw NOT_PLAIN;
  }
  if (typeof v === 'number') {
    // A plain decimal, surely this integer.
    if (spec.t === 'int64') return v;
    if ((spec.t === 'int32' || spec.t === 'intOrString') && v < 2 ** 31) return v;
    throw NOT_PLAIN;
  }
  if (v instanceof PlainScalar) return decodePlainScalar(v.text, spec);
  if (v instanceof PlainMap) {
    const kv = v.kv;
    if (spec.t === 'map') {
      const out = newObject();
      for (let i = 0; i < kv.length; i += 2) {
        const value = kv[i + 1] as PlainValue;
        let text: unknown;
        if (typeof value === 'string') text = value;
        // DF8: a null value in a map[string]string is the empty string.
        else if (value === null) text = '';
        else if (value instanceof PlainScalar)
          text = decodePlainScalar(value.text, STRING_FIELD) ?? '';
        else throw NOT_PLAIN;
        out[kv[i] as string] = text;
      }
      return out;
    }
    if (spec.t !== 'struct') throw NOT_PLAIN;
    const fields = spec.fields();
    const out = newStruct();
    for (let i = 0; i < kv.length; i += 2) {
      const k = kv[i] as string;
      const field = Object.prototype.hasOwnProperty.call(fields, k) ? fields[k] : undefined;
      if (!field) {
        if (!spec.open) throw NOT_PLAIN;
        continue;
      }
      const value = decodePlain(kv[i + 1] as PlainValue, field);
      if (value !== undefined) out[k] = value;
    }
    return out;
  }
  // A sequence.
  if (spec.t !== 'list') throw NOT_PLAIN;
  // At its size (a pushed-to empty array reserves 16 slots), every slot filled.
  const out: unknown[] = new Array<unknown>(v.length);
  for (let i = 0; i < v.length; i++) {
    const item = v[i] as PlainValue;
    // DF7: a null item is the decoder's to read (and perhaps to warn about).
    if (item === null || (item instanceof PlainScalar && isNullPlainText(item.text)))
      throw NOT_PLAIN;
    out[i] = decodePlain(item, spec.of);
  }
  return out;
}

/** An untagged plain scalar with no position: what the decoder's own rules are asked about. */
export const plainNode = (text: string): YScalar => ({
  kind: 'scalar',
  start: 0,
  end: 0,
  tag: null,
  text,
  style: 'plain',
  implicitEmpty: false,
});

/**
 * Decodes a document's plain values (plain-values.ts) as `decodeObject` decodes its tree, when
 * that decoding has no issue; undefined when it would have one (the tree must be decoded then).
 * `decode-plain.test.ts` holds the two equal.
 */
export function decodePlainObject(
  root: PlainMap,
  spec: Extract<FieldSpec, { t: 'struct' }>,
): Decoded | undefined {
  try {
    const value = (decodePlain(root, spec) as Record<string, unknown> | undefined) ?? null;
    return { value, issues: NO_ISSUES, nodes: NOT_RECORDED, keys: NOT_RECORDED };
  } catch (err) {
    if (err === NOT_PLAIN) return undefined;
    throw err;
  }
}
