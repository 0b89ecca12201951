// The popover's port choice as data, and its reading as a policy port (or null for any port).
import type { PolicyPort, Protocol } from '../../model/types.ts';

export interface PortForm {
  /** `declared:<index>`, `number`, `range` or `any`. */
  readonly choice: string;
  readonly protocol: Protocol;
  readonly number: string;
  readonly from: string;
  readonly to: string;
}

export interface DeclaredPort {
  readonly port: number;
  readonly protocol: Protocol;
  readonly name?: string;
}

const portNumber = (s: string): number | null => {
  const n = Number(s.trim());
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : null;
};

/** The chosen port, `null` for any port, or an error message. */
export function readPortForm(
  form: PortForm,
  declared: readonly DeclaredPort[],
): { ok: true; port: PolicyPort | null } | { ok: false; error: string } {
  if (form.choice === 'any') return { ok: true, port: null };
  if (form.choice.startsWith('declared:')) {
    const d = declared[Number(form.choice.slice('declared:'.length))];
    if (!d) return { ok: false, error: 'Pick a port.' };
    return { ok: true, port: { protocol: d.protocol, port: d.port, endPort: null } };
  }
  if (form.choice === 'number') {
    const n = portNumber(form.number);
    if (n === null) return { ok: false, error: 'A port is a whole number from 1 to 65535.' };
    return { ok: true, port: { protocol: form.protocol, port: n, endPort: null } };
  }
  const a = portNumber(form.from);
  const b = portNumber(form.to);
  if (a === null || b === null)
    return { ok: false, error: 'Both ends of the range are ports from 1 to 65535.' };
  if (b < a) return { ok: false, error: 'The range ends before it starts.' };
  return { ok: true, port: { protocol: form.protocol, port: a, endPort: b === a ? null : b } };
}
