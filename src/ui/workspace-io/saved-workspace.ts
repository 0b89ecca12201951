// The saved-work format, read defensively: a damaged or foreign entry never breaks the page.
import type { ExternalNetwork } from '../../model/types.ts';
import type { NodePosition } from '../../store/workspace-store.ts';
import { savedExternalNetworks } from '../../store/external-networks.ts';

export interface SavedWorkspace {
  readonly text: string;
  readonly positions: Readonly<Record<string, NodePosition>>;
  readonly externals: readonly ExternalNetwork[];
}

function isPosition(v: unknown): v is NodePosition {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return Number.isFinite(p['x']) && Number.isFinite(p['y']);
}

/** Saved work from its stored JSON, or null when absent or unreadable (never throws). */
export function parseSaved(raw: string | null): SavedWorkspace | null {
  if (raw === null) return null;
  try {
    const data: unknown = JSON.parse(raw);
    if (typeof data !== 'object' || data === null) return null;
    const { text, positions, externals } = data as Record<string, unknown>;
    if (typeof text !== 'string') return null;
    const clean: Record<string, NodePosition> = Object.create(null) as Record<string, NodePosition>;
    if (typeof positions === 'object' && positions !== null) {
      for (const [id, p] of Object.entries(positions)) if (isPosition(p)) clean[id] = p;
    }
    return { text, positions: clean, externals: savedExternalNetworks(externals) };
  } catch {
    return null;
  }
}
