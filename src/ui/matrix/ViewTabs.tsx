// Canvas or Matrix: two tabs above the canvas area (WAI-ARIA tabs: arrow keys, Home and End move
// between them and select). Only the chosen view is mounted, so the hidden one costs nothing.
import { useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { MatrixView } from './MatrixView.tsx';
import { prefetchMatrix } from './use-matrix-report.ts';
import './matrix.css';

type Tab = 'canvas' | 'matrix';
const TABS: readonly { readonly id: Tab; readonly label: string }[] = [
  { id: 'canvas', label: 'Canvas' },
  { id: 'matrix', label: 'Matrix' },
];

export function ViewTabs({ canvas }: { readonly canvas: ReactNode }) {
  const [tab, setTab] = useState<Tab>('canvas');
  const refs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i - 1 + TABS.length) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    setTab(next.id);
    refs.current[next.id]?.focus();
  };
  return (
    <div className="view-tabs">
      <div className="view-tablist" role="tablist" aria-label="View" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`view-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`view-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onPointerEnter={t.id === 'matrix' && tab !== 'matrix' ? prefetchMatrix : undefined}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        className="view-tabpanel"
        role="tabpanel"
        id={`view-panel-${tab}`}
        aria-labelledby={`view-tab-${tab}`}
      >
        {tab === 'canvas' ? canvas : <MatrixView />}
      </div>
    </div>
  );
}
