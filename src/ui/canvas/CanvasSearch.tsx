// Find a workload, namespace, label or policy by name: a combobox (WAI-ARIA pattern, list
// autocomplete with the first match active) whose choice is selected and centred on the canvas.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { CanvasModel } from '../../store/canvas-model.ts';
import { displayText } from '../../model/display-text.ts';
import type { SearchHit, SearchKind } from '../../view/search-index.ts';
import { useCentreOn } from './use-centre-on.ts';
import { prefetchFlows } from './use-canvas-model.ts';
import { choiceOf, describeChoice, searchIndexOf } from './search-choice.ts';

const GROUP_NAMES: Record<SearchKind, string> = {
  workload: 'Workloads',
  namespace: 'Namespaces',
  label: 'Labels',
  policy: 'Policies',
};

function detailOf(hit: SearchHit): string {
  const n = hit.targets.length;
  if (hit.kind === 'workload' || hit.kind === 'policy') {
    const ns = displayText(hit.namespace, 30);
    return hit.kind === 'policy' ? `${ns} · selects ${n}` : ns;
  }
  return `${n} workload${n === 1 ? '' : 's'}`;
}

/** The active option's index: `LAST` stands for the last of `n`. */
const LAST = -1;
const activeIn = (active: number, n: number) => (active === LAST ? n - 1 : Math.min(active, n - 1));

export function CanvasSearch({ model }: { readonly model: CanvasModel }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [last, setLast] = useState<{ hit: SearchHit; match: number } | null>(null);
  const expanded = open && query.trim() !== '';
  // Indexed while the list is open: a model change while it is closed (every edit of a large
  // workspace, the last choice still in the box) costs nothing here.
  const groups = useMemo(
    () => (expanded ? searchIndexOf(model).search(query) : []),
    [model, query, expanded],
  );
  const options = useMemo(() => groups.flatMap((g) => g.hits), [groups]);
  const optionId = (i: number) => `${id}-option-${i}`;

  const root = useRef<HTMLDivElement>(null);
  const centre = useCentreOn(model, root);

  // The active match is the likely choice: its flows are computed while the user reads the list.
  const likely = expanded ? options[activeIn(active, options.length)] : undefined;
  const likelyWorkload =
    likely && likely.kind !== 'namespace' && likely.kind !== 'policy'
      ? likely.kind === 'workload'
        ? likely.id
        : likely.targets[0]
      : undefined;
  useEffect(() => {
    if (likelyWorkload === undefined) return;
    const wait = setTimeout(() => prefetchFlows(model, likelyWorkload), 120);
    return () => clearTimeout(wait);
  }, [model, likelyWorkload]);

  const choose = (hit: SearchHit, match = 0) => {
    const choice = choiceOf(hit, match);
    if (hit.kind === 'workload' || hit.kind === 'label')
      for (const n of choice.centre) prefetchFlows(model, n, true);
    centre(choice.centre, choice.select);
    setLast({ hit, match });
    setQuery(hit.kind === 'workload' || hit.kind === 'policy' ? hit.id : hit.label);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const n = options.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      // The list is indexed only while open: opening it with ArrowUp asks for its last match.
      if (!expanded) {
        setOpen(true);
        setActive(e.key === 'ArrowDown' ? 0 : LAST);
      } else if (n > 0)
        setActive((a) => (activeIn(a, n) + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      const hit = expanded ? options[activeIn(active, n)] : undefined;
      if (hit) {
        e.preventDefault();
        choose(hit);
      }
    } else if (e.key === 'Escape') {
      if (expanded) setOpen(false);
      else {
        setQuery('');
        setLast(null);
      }
    }
  };

  let i = 0;
  return (
    <div className="canvas-search" role="search" aria-label="Find on the canvas" ref={root}>
      <input
        type="text"
        role="combobox"
        className="cs-input"
        aria-label="Find a workload, namespace, label or policy"
        placeholder="Find a name, namespace, k=v, policy"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        {...(expanded && options.length > 0
          ? { 'aria-activedescendant': optionId(activeIn(active, options.length)) }
          : {})}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <div
        id={`${id}-list`}
        role="listbox"
        aria-label="Matches"
        className="cs-list"
        hidden={!expanded}
      >
        {groups.map((g) => (
          <div key={g.kind} role="group" aria-labelledby={`${id}-${g.kind}`}>
            <div id={`${id}-${g.kind}`} role="presentation" className="cs-group">
              {GROUP_NAMES[g.kind]}
              {g.total > g.hits.length && (
                <span className="cs-more">
                  {' '}
                  · {g.total} matches, showing {g.hits.length}
                </span>
              )}
            </div>
            {g.hits.map((hit) => {
              const at = i++;
              return (
                <div
                  key={`${hit.kind}:${hit.id}`}
                  id={optionId(at)}
                  role="option"
                  aria-selected={at === activeIn(active, options.length)}
                  className="cs-option"
                  // Keep the focus in the input: the click chooses, the blur would close the list first.
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseMove={() => setActive(at)}
                  onClick={() => choose(hit)}
                >
                  <span className="cs-name">{displayText(hit.label, 48)}</span>
                  <span className="sr-only">, </span>
                  <span className="cs-detail">{detailOf(hit)}</span>
                </div>
              );
            })}
          </div>
        ))}
        {options.length === 0 && (
          <div role="presentation" className="cs-empty">
            Nothing matches “{displayText(query, 40)}”
          </div>
        )}
      </div>
      {/* Always in the page, so assistive technology announces what a choice showed. */}
      <p className="cs-status" role="status">
        {last && !expanded && describeChoice(last.hit, last.match)}
        {last && !expanded && last.hit.kind === 'label' && last.hit.targets.length > 1 && (
          <button
            type="button"
            className="cs-next"
            onClick={() => choose(last.hit, last.match + 1)}
          >
            Next match
          </button>
        )}
      </p>
    </div>
  );
}
