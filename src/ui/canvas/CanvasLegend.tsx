// A small key in the canvas corner: what the lines, dashes and badges mean, in words. It folds
// away to one button (remembered), since on a small screen the canvas needs every pixel.
import { useState } from 'react';

const KEY = 'netpol-canvas:legend-folded';

function readFolded(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function CanvasLegend({ highlighting }: { readonly highlighting: boolean }) {
  const [folded, setFolded] = useState(readFolded);
  const fold = (next: boolean) => {
    setFolded(next);
    try {
      localStorage.setItem(KEY, next ? '1' : '0');
    } catch {
      // Storage disabled: the choice lasts for this visit.
    }
  };
  if (folded)
    return (
      <button
        type="button"
        className="canvas-legend-open"
        onClick={() => fold(false)}
        title="Show the legend"
      >
        Legend
      </button>
    );
  return (
    <aside className="canvas-legend" aria-label="Canvas legend">
      <button
        type="button"
        className="legend-fold"
        onClick={() => fold(true)}
        aria-label="Hide the legend"
        title="Hide the legend"
      >
        ×
      </button>
      {highlighting ? (
        <>
          <div>
            <svg width="28" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="28" y2="4" stroke="#067647" strokeWidth="2.2" />
            </svg>
            ✓ allowed
          </div>
          <div>
            <svg width="28" height="8" aria-hidden="true">
              <line
                x1="0"
                y1="4"
                x2="28"
                y2="4"
                stroke="#c81e1e"
                strokeWidth="2.2"
                strokeDasharray="7 5"
              />
            </svg>
            ✗ denied
          </div>
          <div>
            <svg width="28" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="28" y2="4" stroke="#b54708" strokeWidth="2.2" />
            </svg>
            some ports only
          </div>
          <div className="legend-hint">Click a flow to see why. Click empty space to clear.</div>
        </>
      ) : (
        <>
          <div>Lines are policy rules, one colour per policy.</div>
          <div className="legend-hint">
            Select a workload to see its flows. Drag from ● to another node to allow traffic.
          </div>
        </>
      )}
    </aside>
  );
}
