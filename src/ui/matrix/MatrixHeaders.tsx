// The matrix's sticky headers, as text (readable, searchable, read aloud), for the lines in view
// only: workload names down the left and along the top, each namespace a band with its toggle.
import { displayText } from '../../model/display-text.ts';
import type { MatrixLayout } from '../../view/matrix-layout.ts';
import { visibleRange } from './draw-matrix.ts';
import type { Geometry } from './draw-matrix.ts';

interface Props {
  readonly layout: MatrixLayout;
  /** Scroll offsets and the scroller's client size. */
  readonly view: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly hover: { readonly row: number; readonly col: number } | null;
  readonly onToggle: (namespace: string) => void;
  readonly geometry: Geometry;
}

/** A workload's name after its namespace, the namespace muted; a folded namespace as it is. */
function Label({ line }: { readonly line: MatrixLayout['lines'][number] }) {
  if (line.kind === 'group') return <>{displayText(line.label, 40)}</>;
  const cut = line.title.length - line.label.length;
  return (
    <>
      <span className="mx-ns">{displayText(line.title.slice(0, cut), 30)}</span>
      {displayText(line.label, 40)}
    </>
  );
}

export function MatrixHeaders({ layout, view, hover, onToggle, geometry }: Props) {
  const { cell, rowHead, colHead, band } = geometry;
  const n = layout.lines.length;
  const [r0, r1] = visibleRange(view.y, view.h - colHead, n, cell);
  const [c0, c1] = visibleRange(view.x, view.w - rowHead, n, cell);
  const rows = [];
  for (let r = r0; r < r1; r++) {
    const line = layout.lines[r];
    if (!line) continue;
    rows.push(
      <div
        key={r}
        className={`mx-rowhead${line.kind === 'group' ? ' group' : ''}${hover?.row === r ? ' hovered' : ''}`}
        style={{
          top: r * cell - view.y,
          left: band,
          width: rowHead - band,
          height: cell,
          lineHeight: `${cell}px`,
        }}
        title={line.title}
        data-line={line.title}
      >
        <Label line={line} />
      </div>,
    );
  }
  const cols = [];
  for (let c = c0; c < c1; c++) {
    const line = layout.lines[c];
    if (!line) continue;
    cols.push(
      <div
        key={c}
        className={`mx-colhead${line.kind === 'group' ? ' group' : ''}${hover?.col === c ? ' hovered' : ''}`}
        style={{ left: c * cell - view.x, top: band, width: cell, height: colHead - band }}
        title={line.title}
        data-line={line.title}
      >
        <span style={{ width: cell, lineHeight: `${cell}px` }}>
          <Label line={line} />
        </span>
      </div>,
    );
  }
  const rowBands = [];
  const colBands = [];
  for (const [i, s] of layout.spans.entries()) {
    const odd = i % 2 === 1 ? ' odd' : '';
    const top = s.start * cell - view.y;
    const bottom = s.end * cell - view.y;
    if (bottom > 0 && top < view.h - colHead) {
      // The band keeps its toggle in view while any of its lines is.
      const shownTop = Math.max(0, top);
      rowBands.push(
        <div
          key={s.namespace}
          className={`mx-rowband${odd}`}
          style={{ top: shownTop, height: bottom - shownTop, width: band }}
        >
          <button
            type="button"
            className="mx-toggle"
            aria-expanded={!s.collapsed}
            aria-label={`${s.collapsed ? 'Expand' : 'Collapse'} namespace ${s.namespace}`}
            title={`${s.collapsed ? 'Expand' : 'Collapse'} namespace ${s.namespace}`}
            onClick={() => onToggle(s.namespace)}
          >
            {s.collapsed ? '▸' : '▾'}
          </button>
          {bottom - shownTop >= 60 && (
            <span className="mx-bandname">{displayText(s.namespace, 40)}</span>
          )}
        </div>,
      );
    }
    const left = s.start * cell - view.x;
    const right = s.end * cell - view.x;
    if (right > 0 && left < view.w - rowHead) {
      const shownLeft = Math.max(0, left);
      colBands.push(
        <div
          key={s.namespace}
          className={`mx-colband${odd}`}
          style={{ left: shownLeft, width: right - shownLeft, height: band }}
          title={`namespace ${s.namespace}`}
        >
          {right - shownLeft >= 28 ? displayText(s.namespace, 40) : ''}
        </div>,
      );
    }
  }
  return (
    <>
      <div className="mx-corner" style={{ width: rowHead, height: colHead }} aria-hidden="true">
        <span className="mx-corner-to">to →</span>
        <span className="mx-corner-from">from ↓</span>
      </div>
      <div
        className="mx-colheads"
        style={{ left: rowHead, width: Math.max(0, view.w - rowHead), height: colHead }}
        aria-hidden="true"
      >
        {colBands}
        {cols}
      </div>
      <div
        className="mx-rowheads"
        style={{ top: colHead, width: rowHead, height: Math.max(0, view.h - colHead) }}
      >
        {rowBands}
        <div aria-hidden="true">{rows}</div>
      </div>
    </>
  );
}
