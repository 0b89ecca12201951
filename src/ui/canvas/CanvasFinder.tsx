// The bar above the legend: find something on the canvas, and filter what stands out.
import type { CanvasModel } from '../../store/canvas-model.ts';
import { CanvasFilters } from './CanvasFilters.tsx';
import { CanvasSearch } from './CanvasSearch.tsx';
import './search.css';

export function CanvasFinder({ model }: { readonly model: CanvasModel }) {
  return (
    <div className="canvas-finder">
      <CanvasSearch model={model} />
      <CanvasFilters model={model} />
    </div>
  );
}
