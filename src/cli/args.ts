// Parses the command line into a command with validated options, or a usage error (exit 2).
import { PROTOCOLS } from '../model/types.ts';
import type { Protocol } from '../model/types.ts';

/** The lines shown with a usage error (exit 2); `--help` prints them with the details below. */
export const SYNOPSIS = `Usage:
  netpol-canvas analyze [--port <number|name>] [--protocol TCP|UDP|SCTP]
                        [--format table|json|ndjson|summary] [-R] <path…|->
  netpol-canvas validate [--format text|json] [-R] <path…|->
  netpol-canvas lint [--format text|json|sarif] [--strict] [-R] <path…|->
  netpol-canvas diff [--format text|json] [--fail-on-new-allow] <old> <new>
  netpol-canvas check --expect <file> [--format text|json] [-R] <path…|->
`;

export const USAGE = `netpol-canvas — check Kubernetes NetworkPolicies

${SYNOPSIS}  netpol-canvas --help | --version

Files are YAML or JSON manifests: NetworkPolicy, Namespace, Pod, workloads
with pod templates, and Lists as kubectl get -o yaml prints them. Several
files form one workspace; each diagnostic names the file it comes from.

Paths, as kubectl -f takes them (positional or after -f, repeatable):
  <file>          read whatever its name
  <directory>     its .json, .yaml and .yml files, in lexical order
  -               standard input
  -f, --filename <path>  the same as a positional path
  -R, --recursive        walk directories into their subdirectories

analyze       Who may reach whom. Invalid policies are reported, not enforced.
  --port      Without it: every ordered pair of distinct pods × each container
              port the destination declares. With it: every ordered pair, a
              pod to itself included, at that port. A name is resolved on each
              destination; where it declares no such port the flow is denied,
              with "port": null and the reason in its explanation.
  --protocol  TCP (the default with --port), UDP or SCTP. Without --port it
              keeps the declared ports of that protocol.
  --format    table (default, for people), json ({"flows":[…]}, written as
              computed), ndjson (one flow per line) or summary (one JSON
              object of counts).
  --by        json and ndjson: workload (default; the pods of one workload,
              e.g. a ReplicaSet's, folded into one record per pair and port,
              with podPairs and allowedPodPairs when it folds several) or pod.
  --allowed-only, --denied-only
              Only the flows allowed (or denied) for at least one pod pair.
  --explain   Add the engine's explanation to each flow (slower, ~1 KB each).
  --external  Also each pod with each IP range the ipBlocks draw, both ways
              (0.0.0.0-9.255.255.255 => shop/web : TCP 443): the connections
              allowed, or with --port that port's verdict.
validate      The API server's checks, as file:line:column: severity: message.
  --format    text (default) or json.
lint          What is likely wrong though the API server accepts it (missing DNS
              egress, half-open flows, selectors that match nothing, …), each
              finding with its rule id.
  --format    text (default), json (validate's shape plus "rule") or sarif.
  --strict    Exit 1 on warnings too (by default only on errors).
diff          The flows <old> allows and <new> denies, and the reverse, between
              the workloads both hold; <old> and <new> are a file, a directory
              or -.
  --format    text (default: Markdown for a pull request) or json.
  --fail-on-new-allow
              Exit 1 when <new> allows a flow <old> denied.
  --port, --protocol, -R
              As for analyze; by default each declared port.
check         Flows that must be allowed or denied, from the --expect file:
                expectations:
                - {from: shop/web, to: shop/api, port: 8080, allowed: true}
                - {from: {namespace: shop, labels: {app: web}}, to: shop/db,
                   port: 5432, protocol: TCP, allowed: false}
              Exit 1 when one fails, each failure explained.
  --format    text (default) or json.

Exit status: 0 no error, 1 the input has an error (invalid UTF-8 included),
2 usage error or a path that cannot be read. Refused input prints no result;
with a JSON format, stdout gets {"error":{"code","message","file",…}}.
`;

export type AnalyzeFormat = 'table' | 'json' | 'ndjson' | 'summary';
export type ValidateFormat = 'text' | 'json';
export type LintFormat = 'text' | 'json' | 'sarif';

export type Command =
  | { readonly command: 'help' }
  | { readonly command: 'version' }
  | {
      readonly command: 'analyze';
      readonly port: number | string | null;
      readonly protocol: Protocol | null;
      readonly format: AnalyzeFormat;
      readonly files: readonly string[];
      readonly recursive: boolean;
      /** Undocumented, for the benchmark: pick the engine and report its time. */
      readonly engine: 'bulk' | 'naive' | null;
      /** Also pods with the IP ranges the ipBlocks draw (present only when asked for). */
      readonly external?: boolean;
      /** How json and ndjson list flows. */
      readonly by: 'workload' | 'pod';
      readonly allowedOnly: boolean;
      readonly deniedOnly: boolean;
      readonly explain: boolean;
    }
  | {
      readonly command: 'validate';
      readonly format: ValidateFormat;
      readonly files: readonly string[];
      readonly recursive: boolean;
    }
  | {
      readonly command: 'lint';
      readonly format: LintFormat;
      readonly strict: boolean;
      readonly files: readonly string[];
      readonly recursive: boolean;
    }
  | {
      readonly command: 'diff';
      readonly format: ValidateFormat;
      readonly failOnNewAllow: boolean;
      readonly port: number | string | null;
      readonly protocol: Protocol | null;
      /** The old and the new version, in that order. */
      readonly files: readonly [string, string];
      readonly recursive: boolean;
    }
  | {
      readonly command: 'check';
      readonly format: ValidateFormat;
      readonly expect: string;
      readonly files: readonly string[];
      readonly recursive: boolean;
    };

const COMMANDS = ['analyze', 'validate', 'lint', 'diff', 'check'] as const;
type CommandName = (typeof COMMANDS)[number];
const takesPort: readonly string[] = ['analyze', 'diff'];

export class UsageError extends Error {}

// A container port name is an IANA service name: at most 15 lowercase letters, digits and
// single hyphens, with at least one letter (so `80` stays a number).
const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function parsePort(value: string): number | string {
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    if (n < 1 || n > 65535)
      throw new UsageError(`--port ${value}: a port number is between 1 and 65535`);
    return n;
  }
  if (!PORT_NAME.test(value) || value.length > 15 || !/[a-z]/.test(value) || value.includes('--')) {
    throw new UsageError(
      `--port ${JSON.stringify(value)}: not a port number or a container port name`,
    );
  }
  return value;
}

function parseProtocol(value: string): Protocol {
  const p = PROTOCOLS.find((x) => x === value.toUpperCase());
  if (!p) throw new UsageError(`--protocol ${JSON.stringify(value)}: use TCP, UDP or SCTP`);
  return p;
}

interface FlagToken {
  readonly flag: string;
  /** The value written after `=`, if any. */
  readonly inline: string | null;
  /** The flag's value: after `=`, else the next argument. */
  readonly value: () => string;
}

/** Splits `--flag=value` and `--flag value` forms; everything after `--` is a file. */
function* tokens(argv: readonly string[]): Generator<FlagToken | { file: string }> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      for (const f of argv.slice(i + 1)) yield { file: f };
      return;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const flag = eq >= 0 ? arg.slice(0, eq) : arg;
      const inline = eq >= 0 ? arg.slice(eq + 1) : null;
      yield {
        flag,
        inline,
        value: () => {
          if (inline !== null) return inline;
          const next = argv[i + 1];
          if (next === undefined) throw new UsageError(`${flag} needs a value`);
          i++;
          return next;
        },
      };
    } else {
      yield { file: arg };
    }
  }
}

export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('no command given');
  if (command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version' || command === '-V' || command === 'version')
    return { command: 'version' };
  if (!COMMANDS.includes(command as CommandName)) {
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
  const name = command as CommandName;

  let port: number | string | null = null;
  let protocol: Protocol | null = null;
  let format: string | null = null;
  let engine: 'bulk' | 'naive' | null = null;
  let recursive = false;
  let strict = false;
  let failOnNewAllow = false;
  let external = false;
  let by: 'workload' | 'pod' = 'workload';
  let allowedOnly = false;
  let deniedOnly = false;
  let explain = false;
  let expect: string | null = null;
  const files: string[] = [];
  for (const t of tokens(rest)) {
    if ('file' in t) {
      files.push(t.file);
      continue;
    }
    switch (t.flag) {
      case '--help':
      case '-h':
        return { command: 'help' };
      case '--filename':
      case '-f':
        files.push(t.value());
        break;
      case '--recursive':
      case '-R':
        recursive = parseBool(t);
        break;
      case '--format':
      case '-o':
        format = t.value();
        break;
      case '--port':
      case '-p':
        if (!takesPort.includes(name))
          throw new UsageError(`${t.flag} is an option of analyze and diff`);
        port = parsePort(t.value());
        break;
      case '--protocol':
        if (!takesPort.includes(name))
          throw new UsageError(`${t.flag} is an option of analyze and diff`);
        protocol = parseProtocol(t.value());
        break;
      case '--external':
        if (name !== 'analyze') throw new UsageError(`${t.flag} is an option of analyze`);
        external = parseBool(t);
        break;
      case '--by': {
        if (name !== 'analyze') throw new UsageError(`${t.flag} is an option of analyze`);
        const v = t.value();
        if (v !== 'workload' && v !== 'pod')
          throw new UsageError(`--by ${JSON.stringify(v)}: use workload or pod`);
        by = v;
        break;
      }
      case '--allowed-only':
      case '--denied-only':
      case '--explain': {
        if (name !== 'analyze') throw new UsageError(`${t.flag} is an option of analyze`);
        const on = parseBool(t);
        if (t.flag === '--allowed-only') allowedOnly = on;
        else if (t.flag === '--denied-only') deniedOnly = on;
        else explain = on;
        break;
      }
      case '--strict':
        if (name !== 'lint') throw new UsageError(`${t.flag} is an option of lint`);
        strict = parseBool(t);
        break;
      case '--fail-on-new-allow':
        if (name !== 'diff') throw new UsageError(`${t.flag} is an option of diff`);
        failOnNewAllow = parseBool(t);
        break;
      case '--expect':
        if (name !== 'check') throw new UsageError(`${t.flag} is an option of check`);
        expect = t.value();
        break;
      case '--engine': {
        const e = t.value();
        if (command !== 'analyze' || (e !== 'bulk' && e !== 'naive'))
          throw new UsageError(`--engine takes bulk or naive`);
        engine = e;
        break;
      }
      default:
        throw new UsageError(`unknown option ${t.flag}`);
    }
  }
  if (name === 'diff') {
    if (files.length !== 2)
      throw new UsageError(
        `diff compares two versions: give <old> and <new> (files, directories or -)`,
      );
    if (files[0] === '-' && files[1] === '-')
      throw new UsageError('diff reads standard input for one version only');
    const f = format ?? 'text';
    if (f !== 'text' && f !== 'json')
      throw new UsageError(`--format ${JSON.stringify(f)}: diff writes text or json`);
    return {
      command: name,
      format: f,
      failOnNewAllow,
      port,
      protocol,
      files: [files[0] as string, files[1] as string],
      recursive,
    };
  }
  if (files.length === 0)
    throw new UsageError(`${command} needs at least one file, or - for standard input`);

  if (name === 'lint') {
    const f = format ?? 'text';
    if (f !== 'text' && f !== 'json' && f !== 'sarif')
      throw new UsageError(`--format ${JSON.stringify(f)}: lint writes text, json or sarif`);
    return { command: name, format: f, strict, files, recursive };
  }
  if (name === 'check') {
    if (expect === null)
      throw new UsageError('check needs --expect <file> with the expected flows');
    const f = format ?? 'text';
    if (f !== 'text' && f !== 'json')
      throw new UsageError(`--format ${JSON.stringify(f)}: check writes text or json`);
    return { command: name, format: f, expect, files, recursive };
  }

  if (name === 'analyze') {
    const f = format ?? 'table';
    if (f !== 'table' && f !== 'json' && f !== 'ndjson' && f !== 'summary') {
      throw new UsageError(
        `--format ${JSON.stringify(f)}: analyze writes table, json, ndjson or summary`,
      );
    }
    if (allowedOnly && deniedOnly)
      throw new UsageError('--allowed-only and --denied-only exclude each other');
    return {
      command: name,
      port,
      protocol,
      format: f,
      files,
      recursive,
      engine,
      ...(external ? { external } : {}),
      by,
      allowedOnly,
      deniedOnly,
      explain,
    };
  }
  const f = format ?? 'text';
  if (f !== 'text' && f !== 'json')
    throw new UsageError(`--format ${JSON.stringify(f)}: validate writes text or json`);
  return { command: 'validate', format: f, files, recursive };
}

/** A boolean flag as pflag reads it: bare means true, `--flag=false` turns it off. */
function parseBool(t: FlagToken): boolean {
  if (t.inline === null || t.inline === 'true') return true;
  if (t.inline === 'false') return false;
  throw new UsageError(`${t.flag}=${t.inline}: use ${t.flag}, ${t.flag}=true or ${t.flag}=false`);
}

const JSON_FORMATS: readonly string[] = ['json', 'ndjson', 'summary', 'sarif'];

/**
 * Whether the command line asks for JSON on stdout, read even from a command line that does not
 * parse, so a usage error still reaches a JSON reader as a JSON document.
 */
export function wantsJson(argv: readonly string[]): boolean {
  let format: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    const m = /^(--format|-o)(?:=(.*))?$/.exec(arg);
    if (!m) continue;
    format = m[2] ?? argv[i + 1] ?? null;
    if (m[2] === undefined) i++;
  }
  return format !== null && JSON_FORMATS.includes(format);
}
