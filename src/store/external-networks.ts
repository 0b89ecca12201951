// External networks the user places on the canvas: checked by the authoring layer, kept in the
// store (saved and undoable) and drawn by the canvas beside the ones the policies' ipBlocks name.
import { checkExternalNetwork, cleanExternalNetworks } from '../authoring/external-network.ts';
import type { ExternalNetwork } from '../model/types.ts';
import { workspaceStore } from './workspace-store.ts';
import type { WorkspaceStore } from './workspace-store.ts';

/** Places a network from the form's text; returns what is wrong, or null when it was placed. */
export function placeExternalNetwork(
  cidrText: string,
  nameText: string,
  store: WorkspaceStore = workspaceStore,
): string | null {
  const s = store.getState();
  const checked = checkExternalNetwork(cidrText, nameText, s.externals);
  if ('error' in checked) return checked.error;
  s.addExternal(checked);
  s.notify(`added external network ${checked.name || checked.cidr}`);
  return null;
}

/** Saved external networks from storage (anything may be there): the valid ones. */
export function savedExternalNetworks(value: unknown): ExternalNetwork[] {
  return cleanExternalNetworks(value);
}
