// Adding an external network from the toolbar: a CIDR (checked as the API server checks an
// ipBlock, and written canonically) and an optional display name.
import { formatCidr, parseCidr } from '../model/cidr.ts';
import type { ExternalNetwork } from '../model/types.ts';

const CIDR_DETAIL = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
const MAX_NAME = 63;

/** A new external network from the form's text, or what is wrong with it. */
export function checkExternalNetwork(
  cidrText: string,
  nameText: string,
  existing: readonly ExternalNetwork[],
): ExternalNetwork | { error: string } {
  const text = cidrText.trim();
  if (text === '') return { error: 'cidr: Required value' };
  const c = parseCidr(text);
  if (!c) return { error: `cidr: Invalid value: ${JSON.stringify(text)}: ${CIDR_DETAIL}` };
  const cidr = formatCidr(c);
  // The server accepts these (sloppy parsing) but reads them as the canonical network, so the
  // canvas would silently show something other than what was typed.
  if (c.hostBitsSet)
    return { error: `${text} has bits set beyond the prefix length: did you mean ${cidr}?` };
  if (c.leadingZeros) return { error: `${text} has leading zeros: write ${cidr}` };
  const name = nameText.trim().replace(/\s+/g, ' ');
  if (name.length > MAX_NAME) return { error: `name: at most ${MAX_NAME} characters` };
  if (existing.some((e) => e.cidr === cidr)) return { error: `${cidr} is already on the canvas` };
  return { cidr, name };
}

/** Saved external networks read defensively (storage may hold anything): the valid ones. */
export function cleanExternalNetworks(value: unknown): ExternalNetwork[] {
  if (!Array.isArray(value)) return [];
  const out: ExternalNetwork[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const { cidr, name } = item as Record<string, unknown>;
    if (typeof cidr !== 'string' || typeof name !== 'string') continue;
    const checked = checkExternalNetwork(cidr, name, out);
    if (!('error' in checked)) out.push(checked);
  }
  return out;
}
