// The drag handle between the YAML pane and the canvas; also a keyboard-operable separator.
import { useRef } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';

export interface PaneResizerProps {
  readonly width: number;
  readonly min: number;
  readonly max: number;
  readonly onResize: (width: number) => void;
}

export function PaneResizer({ width, min, max, onResize }: PaneResizerProps) {
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);
  const clamp = (w: number) => Math.round(Math.min(max, Math.max(min, w)));

  const down = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { startX: e.clientX, startWidth: width };
  };
  const move = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (drag.current) onResize(clamp(drag.current.startWidth + e.clientX - drag.current.startX));
  };
  const up = () => {
    drag.current = null;
  };

  return (
    <div
      className="resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the YAML editor"
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={up}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 80 : 20;
        if (e.key === 'ArrowLeft') onResize(clamp(width - step));
        else if (e.key === 'ArrowRight') onResize(clamp(width + step));
        else return;
        e.preventDefault();
      }}
    />
  );
}
