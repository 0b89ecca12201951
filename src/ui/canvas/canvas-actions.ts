// Canvas gestures as text edits: each calls an authoring function against the last valid text and
// model and applies the result as one undoable step (the store refuses while the YAML is broken).
import type { PolicyPort } from '../../model/types.ts';
import { workspaceStore } from '../../store/workspace-store.ts';
import type { CanvasModel } from './use-canvas-model.ts';

export interface AllowIntent {
  /** Canvas node ids. */
  readonly source: string;
  readonly target: string;
  /** null: any port. */
  readonly port: PolicyPort | null;
}

export interface AllowPreview {
  readonly notes: readonly string[];
  readonly offerDns: boolean;
  readonly error?: string;
}

export function previewAllow(_model: CanvasModel, _intent: AllowIntent): AllowPreview {
  return { notes: [], offerDns: false };
}

export function allowEdge(_model: CanvasModel, intent: AllowIntent, _withDns: boolean): boolean {
  workspaceStore
    .getState()
    .notify(`Allowing ${intent.source} → ${intent.target} is not available yet.`);
  return false;
}

export function toggleDefaultDeny(
  namespace: string,
  direction: 'ingress' | 'egress',
  on: boolean,
): void {
  workspaceStore
    .getState()
    .notify(
      `Default deny ${direction} for ${namespace} (${on ? 'on' : 'off'}) is not available yet.`,
    );
}

export function deleteEdge(edgeId: string): void {
  workspaceStore.getState().notify(`Deleting ${edgeId} is not available yet.`);
}
