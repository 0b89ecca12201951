// Above the matrix: the port and protocol to probe, the legend (each verdict's shape, as drawn in
// the cells) and the buttons that fold or open every namespace.
import { useId, useState } from 'react';
import { PROTOCOLS } from '../../model/types.ts';
import type { Protocol } from '../../model/types.ts';
import { parseMatrixFilter } from '../../view/matrix.ts';
import type { MatrixFilter } from '../../view/matrix.ts';

interface Props {
  readonly onFilter: (filter: MatrixFilter) => void;
  readonly onCollapseAll: () => void;
  readonly onExpandAll: () => void;
  readonly busy: boolean;
}

/** The legend's swatches, drawn as the canvas draws the cells. */
function Swatch({ kind }: { readonly kind: 'allowed' | 'some' | 'denied' | 'none' | 'self' }) {
  return (
    <svg
      className={`mx-swatch ${kind}`}
      width="16"
      height="16"
      viewBox="0 0 20 20"
      aria-hidden="true"
    >
      {kind === 'allowed' && (
        <>
          <rect x="2" y="2" width="16" height="16" className="fill-allowed" />
          <path d="M6 10.5 9 13.5 14.5 6.5" className="stroke-mark" />
        </>
      )}
      {kind === 'some' && (
        <>
          <rect x="2.5" y="2.5" width="15" height="15" className="fill-some" />
          <path d="M2 2V18H18Z" className="fill-allowed" />
        </>
      )}
      {kind === 'denied' && (
        <>
          <rect x="2" y="2" width="16" height="16" className="fill-denied" />
          <path d="M7 7 13 13M13 7 7 13" className="stroke-denied" />
        </>
      )}
      {kind === 'none' && <circle cx="10" cy="10" r="1.8" className="fill-none" />}
      {kind === 'self' && <path d="M7 10H13" className="stroke-none" />}
    </svg>
  );
}

export function MatrixFilterBar({ onFilter, onCollapseAll, onExpandAll, busy }: Props) {
  const uid = useId();
  const [port, setPort] = useState('');
  const [protocol, setProtocol] = useState<Protocol | ''>('');
  const parsed = parseMatrixFilter(port, protocol);
  const apply = (p: string, proto: Protocol | '') => {
    const next = parseMatrixFilter(p, proto);
    if (next.ok) onFilter(next.filter);
  };
  return (
    <div className="mx-toolbar">
      <form
        className="mx-filter"
        role="search"
        aria-label="Filter the matrix"
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          <span>Port</span>
          <input
            value={port}
            placeholder="any declared"
            size={11}
            aria-invalid={!parsed.ok}
            aria-describedby={parsed.ok ? undefined : `${uid}-err`}
            onChange={(e) => {
              setPort(e.target.value);
              apply(e.target.value, protocol);
            }}
          />
        </label>
        <label>
          <span>Protocol</span>
          <select
            value={protocol}
            onChange={(e) => {
              const p = e.target.value as Protocol | '';
              setProtocol(p);
              apply(port, p);
            }}
          >
            <option value="">any</option>
            {PROTOCOLS.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        {!parsed.ok && (
          <span id={`${uid}-err`} className="mx-error" role="alert">
            {parsed.message}
          </span>
        )}
        {busy && <span className="mx-busy">Computing…</span>}
      </form>
      <div className="mx-fold">
        <button type="button" onClick={onCollapseAll}>
          Collapse all
        </button>
        <button type="button" onClick={onExpandAll}>
          Expand all
        </button>
      </div>
      <ul className="mx-legend" aria-label="What the cells mean">
        <li className="mx-legend-title" aria-hidden="true">
          Cells:
        </li>
        <li>
          <Swatch kind="allowed" /> allowed
        </li>
        <li>
          <Swatch kind="some" /> some ports
        </li>
        <li>
          <Swatch kind="denied" /> denied
        </li>
        <li>
          <Swatch kind="none" /> no port to probe
        </li>
        <li>
          <Swatch kind="self" /> itself
        </li>
      </ul>
    </div>
  );
}
