// A selection's denied flows with one peer, summarised on the peer itself ("✗ 2", the directions
// in its tooltip) instead of a dashed edge each. Clicking it draws the denied flows as edges.
import { useCanvasViewStore } from '../../store/canvas-view-store.ts';

export function DeniedMarker({ id }: { readonly id: string }) {
  const d = useCanvasViewStore((s) => s.denied.get(id));
  if (!d) return null;
  const parts = [d.in > 0 && `${d.in} in`, d.out > 0 && `${d.out} out`].filter(Boolean);
  const total = d.in + d.out;
  const what = `denied flow${total === 1 ? '' : 's'} with the selected workload (${parts.join(', ')})`;
  return (
    <button
      type="button"
      className="denied-marker nodrag"
      title={`${total} ${what}. Click to draw them.`}
      onClick={(e) => {
        e.stopPropagation();
        useCanvasViewStore.getState().setShowDenied(true);
      }}
    >
      <span aria-hidden="true">✗ </span>
      {total}
      <span className="sr-only"> {what}; press to draw them</span>
    </button>
  );
}
