// A small key in the canvas corner: what the lines, dashes and badges mean, in words.
export function CanvasLegend({ highlighting }: { readonly highlighting: boolean }) {
  return (
    <aside className="canvas-legend" aria-label="Canvas legend">
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
          <div>Each line is a policy rule, coloured by policy.</div>
          <div className="legend-hint">
            Select a workload to see what it can reach. Drag from a handle ● to another node to
            allow traffic.
          </div>
        </>
      )}
    </aside>
  );
}
