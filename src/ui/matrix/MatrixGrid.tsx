// The matrix grid: a scroller sized to the whole matrix, with the visible cells drawn on a canvas
// and the headers in view laid over it. Pointer and keyboard both pick a cell: hovering says
// source → destination and the verdict, a click or Enter explains it.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { MatrixLayout } from '../../view/matrix-layout.ts';
import { useColorScheme } from '../use-color-scheme.ts';
import { drawMatrix, geometryFor, readPalette } from './draw-matrix.ts';
import type { Palette } from './draw-matrix.ts';
import { MatrixHeaders } from './MatrixHeaders.tsx';

interface Props {
  readonly layout: MatrixLayout;
  readonly describe: (row: number, col: number) => string;
  readonly onActivate: (row: number, col: number) => void;
  readonly onToggle: (namespace: string) => void;
}

interface Spot {
  readonly row: number;
  readonly col: number;
}

export function MatrixGrid({ layout, describe, onActivate, onToggle }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [view, setView] = useState({ x: 0, y: 0, w: 0, h: 0 });
  const [hover, setHover] = useState<(Spot & { left: number; top: number }) | null>(null);
  const [cursor, setCursor] = useState<Spot | null>(null);
  const [palette, setPalette] = useState<Palette | null>(null);
  const scheme = useColorScheme();
  const n = layout.lines.length;
  const geometry = useMemo(() => geometryFor(layout), [layout]);
  const { cell, rowHead, colHead } = geometry;

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      setView({ x: el.scrollLeft, y: el.scrollTop, w: el.clientWidth, h: el.clientHeight });
    };
    const later = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    const resize = new ResizeObserver(later);
    resize.observe(el);
    el.addEventListener('scroll', later, { passive: true });
    return () => {
      resize.disconnect();
      el.removeEventListener('scroll', later);
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);

  useEffect(() => {
    if (scroller.current) setPalette(readPalette(scroller.current));
  }, [scheme]);

  useLayoutEffect(() => {
    if (!canvas.current || !palette) return;
    drawMatrix(
      canvas.current,
      layout,
      { x: view.x, y: view.y, width: view.w - rowHead, height: view.h - colHead },
      palette,
      { hover, cursor },
      cell,
    );
  }, [layout, view, palette, hover, cursor, cell, rowHead, colHead]);

  const spotAt = (e: MouseEvent): (Spot & { left: number; top: number }) | null => {
    const el = scroller.current;
    if (!el) return null;
    const rect = el.getBoundingClientRect();
    const left = e.clientX - rect.left;
    const top = e.clientY - rect.top;
    if (left < rowHead || top < colHead || left >= el.clientWidth || top >= el.clientHeight)
      return null;
    const col = Math.floor((left - rowHead + el.scrollLeft) / cell);
    const row = Math.floor((top - colHead + el.scrollTop) / cell);
    return row < n && col < n ? { row, col, left, top } : null;
  };

  const reveal = (s: Spot) => {
    const el = scroller.current;
    if (!el) return;
    const w = el.clientWidth - rowHead;
    const h = el.clientHeight - colHead;
    if (s.col * cell < el.scrollLeft) el.scrollLeft = s.col * cell;
    else if ((s.col + 1) * cell > el.scrollLeft + w) el.scrollLeft = (s.col + 1) * cell - w;
    if (s.row * cell < el.scrollTop) el.scrollTop = s.row * cell;
    else if ((s.row + 1) * cell > el.scrollTop + h) el.scrollTop = (s.row + 1) * cell - h;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (n === 0) return;
    const at = cursor ?? { row: 0, col: 0 };
    const page = Math.max(1, Math.floor((view.h - colHead) / cell) - 1);
    const moves: Record<string, Spot> = {
      ArrowUp: { row: at.row - 1, col: at.col },
      ArrowDown: { row: at.row + 1, col: at.col },
      ArrowLeft: { row: at.row, col: at.col - 1 },
      ArrowRight: { row: at.row, col: at.col + 1 },
      Home: { row: at.row, col: 0 },
      End: { row: at.row, col: n - 1 },
      PageUp: { row: at.row - page, col: at.col },
      PageDown: { row: at.row + page, col: at.col },
    };
    const to = moves[e.key];
    if (to) {
      e.preventDefault();
      const next = {
        row: Math.min(n - 1, Math.max(0, to.row)),
        col: Math.min(n - 1, Math.max(0, to.col)),
      };
      setCursor(next);
      reveal(next);
    } else if ((e.key === 'Enter' || e.key === ' ') && cursor) {
      e.preventDefault();
      onActivate(cursor.row, cursor.col);
    }
  };

  const inRange = (s: Spot | null): s is Spot => s !== null && s.row < n && s.col < n;
  const shownHover = inRange(hover) ? hover : null;
  // Beside the pointer, kept inside the grid (the tooltip is at most 300 px wide).
  const tipLeft = shownHover ? Math.max(4, Math.min(shownHover.left + 14, view.w - 304)) : 0;
  return (
    <div className="mx-grid">
      <div
        ref={scroller}
        className="mx-scroll"
        tabIndex={0}
        role="application"
        aria-roledescription="reachability matrix"
        aria-label={`Reachability matrix, ${n} rows and columns: rows are sources, columns destinations. Arrow keys move between cells, Enter explains a flow.`}
        data-testid="matrix-grid"
        data-lines={n}
        onMouseMove={(e) => setHover(spotAt(e))}
        onMouseLeave={() => setHover(null)}
        onClick={(e) => {
          const s = spotAt(e);
          if (!s) return;
          setCursor({ row: s.row, col: s.col });
          onActivate(s.row, s.col);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setCursor((c) => (inRange(c) ? c : n > 0 ? { row: 0, col: 0 } : null))}
      >
        <div style={{ width: rowHead + n * cell, height: colHead + n * cell }} />
      </div>
      <div className="mx-overlay">
        <canvas
          ref={canvas}
          className="mx-canvas"
          style={{
            left: rowHead,
            top: colHead,
            width: Math.max(0, view.w - rowHead),
            height: Math.max(0, view.h - colHead),
          }}
          aria-hidden="true"
        />
        <MatrixHeaders
          layout={layout}
          view={view}
          hover={shownHover}
          onToggle={onToggle}
          geometry={geometry}
        />
        {shownHover && (
          <div
            className="mx-tooltip"
            role="tooltip"
            data-testid="matrix-tooltip"
            style={{
              left: tipLeft,
              top: Math.min(shownHover.top + 16, Math.max(0, view.h - 80)),
            }}
          >
            {describe(shownHover.row, shownHover.col)}
          </div>
        )}
      </div>
      <div className="sr-only" aria-live="polite" data-testid="matrix-cursor">
        {inRange(cursor) ? describe(cursor.row, cursor.col) : ''}
      </div>
    </div>
  );
}
