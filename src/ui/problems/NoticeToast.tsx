// Short messages (exported, copied, refused) that fade after a few seconds; errors stay until closed.
import { useEffect } from 'react';
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import { displayText } from './display-text.ts';

export function NoticeToast() {
  const notice = useWorkspaceStore((s) => s.notice);

  useEffect(() => {
    if (!notice || notice.tone === 'error') return undefined;
    const t = setTimeout(() => workspaceStore.getState().dismissNotice(), 5000);
    return () => clearTimeout(t);
  }, [notice]);

  // The live region stays mounted so screen readers announce each new message.
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {notice && (
        <div className={`toast toast-${notice.tone}`}>
          <span>{displayText(notice.message, 400)}</span>
          <button
            type="button"
            className="toast-close"
            aria-label="Dismiss message"
            onClick={() => workspaceStore.getState().dismissNotice()}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
