// Says when saved work needs a decision: another tab saved different work, a save could not be
// read, an earlier tab's version was kept, or saving fails. Every version stays downloadable.
import { useStore } from 'zustand';
import { workspaceStore } from '../../store/workspace-store.ts';
import { SeverityIcon } from '../problems/SeverityIcon.tsx';
import { autosave, storageStatus } from './autosave.ts';
import type { KeptVersion } from './autosave.ts';
import { download } from './export-workspace.ts';
import './storage-banner.css';

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

function save(name: string, text: string): void {
  const changed = download(name, text);
  workspaceStore.getState().notify(`Downloaded ${name}.${changed}`, changed ? 'error' : 'info');
}

const saveMine = () => save(`workspace-this-tab-${stamp()}.yaml`, workspaceStore.getState().text);

function Action({
  onClick,
  children,
}: {
  readonly onClick: () => void;
  readonly children: string;
}) {
  return (
    <button type="button" className="banner-link" onClick={onClick}>
      {children}
    </button>
  );
}

export function StorageBanner() {
  const { conflict, leftovers, unreadable, failing } = useStore(storageStatus);
  const control = autosave();
  const left: KeptVersion | undefined = leftovers[0];
  const bad: KeptVersion | undefined = unreadable[0];
  return (
    <>
      {conflict && (
        <div className="banner storage-banner" role="alert">
          <SeverityIcon severity="error" />
          <span>
            <strong>Another tab saved different work.</strong> This tab keeps its version aside
            until you choose.
          </span>
          {conflict.saved && (
            <Action onClick={() => control?.loadOther()}>Load the other tab’s version</Action>
          )}
          <Action onClick={() => control?.keepMine()}>Keep mine</Action>
          <Action
            onClick={() =>
              save(`workspace-other-tab-${stamp()}.yaml`, conflict.saved?.text ?? conflict.raw)
            }
          >
            Download theirs
          </Action>
          <Action onClick={saveMine}>Download mine</Action>
        </div>
      )}
      {failing !== null && (
        <div className="banner storage-banner" role="alert">
          <SeverityIcon severity="error" />
          <span>
            <strong>Your work is not being saved:</strong> {failing}. It is only in this page;
            download it to keep it.
          </span>
          <Action onClick={saveMine}>Download workspace</Action>
        </div>
      )}
      {bad && (
        <div className="banner warning storage-banner" role="status">
          <SeverityIcon severity="warning" />
          <span>
            <strong>Saved work could not be read</strong> (it is damaged)
            {bad.key ? ' and is kept aside' : ''}; the editor opened{' '}
            {unreadable.length > 1 ? `without ${unreadable.length} damaged saves` : 'without it'}.
          </span>
          <Action onClick={() => save(`workspace-unreadable-${stamp()}.txt`, bad.raw)}>
            Download it
          </Action>
          <Action onClick={() => control?.discard(bad.key)}>Discard it</Action>
        </div>
      )}
      {left?.saved && (
        <div className="banner warning storage-banner" role="status">
          <SeverityIcon severity="warning" />
          <span>
            <strong>A tab’s version was kept</strong> when another tab saved over it.
          </span>
          <Action onClick={() => control?.open(left)}>Open it</Action>
          <Action
            onClick={() => left.saved && save(`workspace-kept-${stamp()}.yaml`, left.saved.text)}
          >
            Download it
          </Action>
          <Action onClick={() => control?.discard(left.key)}>Discard it</Action>
        </div>
      )}
    </>
  );
}
