// The import flow shared by the file picker and drag-and-drop: read the files, report the ones
// that cannot be read, then ask whether they replace the workspace or join it.
import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import { workspaceStore } from '../../store/workspace-store.ts';
import { displayText } from '../problems/display-text.ts';
import { isDisposableText } from '../examples/examples.ts';
import { ChoiceDialog } from './ChoiceDialog.tsx';
import { joinStreams, readImportFile } from './read-import.ts';

interface Pending {
  readonly names: readonly string[];
  readonly text: string;
}

export function useImport(): { importFiles: (files: readonly File[]) => void; dialog: ReactNode } {
  const [pending, setPending] = useState<Pending | null>(null);

  const importFiles = useCallback((files: readonly File[]) => {
    if (files.length === 0) return;
    void Promise.all(files.map(readImportFile)).then((results) => {
      const failed = results.filter((r) => !r.ok);
      const read = results.filter((r) => r.ok);
      const said = [
        ...failed.map((f) => `${displayText(f.name, 60)} ${f.error}.`),
        ...read.flatMap((r) => (r.note ? [`${displayText(r.name, 60)} ${r.note}.`] : [])),
      ];
      if (said.length > 0) workspaceStore.getState().notify(said.join(' '), 'error');
      if (read.length === 0) return;
      const text = joinStreams(read.map((r) => r.text));
      // Nothing to lose (empty or an unedited example): no question.
      if (isDisposableText(workspaceStore.getState().text)) {
        workspaceStore.getState().newWorkspace(text, { keepExternals: true });
      } else {
        setPending({ names: read.map((r) => r.name), text });
      }
    });
  }, []);

  const dialog = pending && (
    <ChoiceDialog
      title={pending.names.length === 1 ? 'Import a file' : `Import ${pending.names.length} files`}
      choices={[
        { value: 'append', label: 'Add to workspace' },
        { value: 'replace', label: 'Replace workspace', tone: 'primary' },
      ]}
      onClose={(choice) => {
        const s = workspaceStore.getState();
        if (choice === 'replace') s.newWorkspace(pending.text, { keepExternals: true });
        if (choice === 'append') s.appendText(pending.text);
        setPending(null);
      }}
    >
      <p>
        {pending.names.map((n) => displayText(n, 60)).join(', ')}: replace the current workspace, or
        add the documents to it? Either way, Undo brings back what you have now.
      </p>
    </ChoiceDialog>
  );

  return { importFiles, dialog };
}
