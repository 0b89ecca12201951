// Short messages (exported, copied, refused) that fade after a few seconds; errors stay until closed.
import { useEffect, useState } from 'react';
import type { CSSProperties } from 'react';
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import { displayText } from './display-text.ts';
import './notice-toast.css';

/** Room kept free at the canvas's bottom right for React Flow's zoom controls (15 px margin). */
const CONTROLS_CLEARANCE = 64;
const GAP = 12;
/** Narrower than this between the legend and the controls, a message goes above the legend. */
const MIN_WIDTH = 320;
// The canvas's key in its bottom-left corner, open or folded to a button (CanvasLegend.tsx).
const LEGEND = '.canvas-legend, .canvas-legend-open';

/**
 * Where messages go: along the bottom of the canvas area, clear of the zoom controls and of the
 * legend, never over the YAML pane or the inspector. The canvas moves when the YAML pane is
 * resized or folded, so the place is measured (when a message comes, and on resizes) rather than
 * fixed in CSS.
 */
function useCanvasBottom(notice: unknown): CSSProperties | undefined {
  const [place, setPlace] = useState<CSSProperties>();
  useEffect(() => {
    const area = document.getElementById('canvas-area');
    if (!area) return undefined;
    const measure = () => {
      const r = area.getBoundingClientRect();
      const right = window.innerWidth - r.right + CONTROLS_CLEARANCE;
      const bottom = window.innerHeight - r.bottom + GAP;
      const found = area.querySelector(LEGEND)?.getBoundingClientRect();
      // Only a legend along the bottom is in the way; one along the top is not (never go above it).
      const legend = found && found.bottom > r.top + r.height / 2 ? found : undefined;
      if (!legend || r.right - CONTROLS_CLEARANCE - (legend.right + GAP) >= MIN_WIDTH) {
        setPlace({ left: legend ? legend.right + GAP : r.left + GAP, right, bottom });
      } else {
        setPlace({ left: r.left + GAP, right, bottom: window.innerHeight - legend.top + GAP });
      }
    };
    // Not measured here: forcing a layout in this effect cost an edit ~50 ms before its frame
    // (the canvas had just changed). The observer's first call comes after that frame's layout,
    // before its paint, so the message is placed in the frame it first shows in.
    const observer = new ResizeObserver(measure);
    observer.observe(area);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [notice]);
  return place;
}

export function NoticeToast() {
  const notice = useWorkspaceStore((s) => s.notice);
  const place = useCanvasBottom(notice);

  useEffect(() => {
    if (!notice || notice.tone === 'error') return undefined;
    const t = setTimeout(() => workspaceStore.getState().dismissNotice(), 5000);
    return () => clearTimeout(t);
  }, [notice]);

  // The live region stays mounted so screen readers announce each new message.
  return (
    <div className="toast-region" role="status" aria-live="polite" style={place}>
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
