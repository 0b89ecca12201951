// Diagram export: the current view as an SVG file, or that file drawn at twice its size into a PNG.
// Everything stays in the page: the SVG is written by the view layer, the PNG is rasterised through
// a blob: image (the Content-Security-Policy allows blob: images) and saved through a blob: link.
import { useMemo } from 'react';
import { useStoreApi } from '@xyflow/react';
import type { InternalNode, ReactFlowState } from '@xyflow/react';
import { workspaceStore } from '../../store/workspace-store.ts';
import { NODE_SIZE } from '../../view/graph-types.ts';
import { diagramSvg } from '../../view/diagram-svg.ts';
import { canvasRoutes } from './edges/canvas-routes.ts';
import { diagramPlan } from './diagram-input.ts';
import type { PlacedNode } from './diagram-input.ts';
import type { CanvasEdge, CanvasNode } from './to-flow.ts';
import { saveBlob } from '../workspace-io/export-workspace.ts';

/** Browsers refuse canvases beyond about 16k px a side or 268 M px; stay well inside. */
const MAX_SIDE = 16_000;
const MAX_AREA = 100_000_000;

const fallbackSize = (type: string | undefined) =>
  type === 'external' ? NODE_SIZE.external : NODE_SIZE.workload;

/**
 * Every node with its absolute box. Nodes React Flow has not measured (off screen in a large
 * workspace) get the size the graph gave them, so the export is whole whatever is on screen.
 */
export function placedNodes(lookup: Iterable<InternalNode<CanvasNode>>): PlacedNode[] {
  const out: PlacedNode[] = [];
  for (const n of lookup) {
    if (n.hidden) continue;
    const fallback = fallbackSize(n.type);
    const width = n.measured.width ?? n.width ?? fallback.width;
    const height = n.measured.height ?? n.height ?? fallback.height;
    const { x, y } = n.internals.positionAbsolute;
    out.push({ id: n.id, box: { x, y, width, height }, g: n.data.g });
  }
  return out;
}

/** Draws the SVG into a canvas at up to twice its size and encodes it as PNG. */
async function pngOf(
  svg: string,
  width: number,
  height: number,
): Promise<{ blob: Blob; scale: number }> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image(width, height);
    img.src = url;
    await img.decode();
    const scale = Math.min(
      2,
      MAX_SIDE / Math.max(width, height),
      Math.sqrt(MAX_AREA / (width * height)),
    );
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.floor(width * scale));
    canvas.height = Math.max(1, Math.floor(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the browser could not encode the PNG');
    return { blob, scale };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The two export commands, reading the canvas when they run (not on every render). */
export function useDiagramExport(): { readonly svg: () => void; readonly png: () => void } {
  const store = useStoreApi<CanvasNode, CanvasEdge>();
  return useMemo(() => {
    const current = () => {
      const s = store.getState();
      // The selector the edges share (memoised: usually the routes on screen, at no cost). It is
      // typed for the untyped store that useStore hands the edge components.
      const routes = canvasRoutes(s as unknown as ReactFlowState);
      const plan = diagramPlan(placedNodes(s.nodeLookup.values()), s.edges, routes);
      return { plan, diagram: diagramSvg(plan.input) };
    };
    const notify = workspaceStore.getState().notify;
    return {
      svg: () => {
        const { plan, diagram } = current();
        const file = `${plan.fileBase}.svg`;
        saveBlob(file, new Blob([diagram.svg], { type: 'image/svg+xml' }));
        notify(`Saved ${file}: ${plan.what}, with a legend.`);
      },
      png: () => {
        const { plan, diagram } = current();
        const file = `${plan.fileBase}.png`;
        pngOf(diagram.svg, diagram.width, diagram.height).then(
          ({ blob, scale }) => {
            saveBlob(file, blob);
            const size =
              scale < 2 ? ` (at ${Math.round(scale * 100)} %: the picture is large)` : '';
            notify(`Saved ${file}: ${plan.what}, with a legend${size}.`);
          },
          (e: unknown) =>
            notify(
              `Could not draw the PNG: ${e instanceof Error ? e.message : String(e)}. The SVG export still works.`,
              'error',
            ),
        );
      },
    };
  }, [store]);
}
