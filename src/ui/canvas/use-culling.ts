// Whether React Flow draws only the nodes on screen (large canvases), switched with slack.
import { useState } from 'react';

/** Past this many nodes React Flow draws only those on screen; below CULL_OFF_BELOW, all again. */
const CULL_ABOVE = 150;
const CULL_OFF_BELOW = 120;

/**
 * Whether to draw only the nodes on screen, with some slack: switching mounts or unmounts every
 * node off screen (at 5,000 workloads, a keystroke that infers one workload took the map from 150
 * nodes to 151, and 99 namespaces left the DOM; Backspace drew them all again, ~0.4 s of style and
 * layout).
 */
export function useCulling(count: number): boolean {
  const [cull, setCull] = useState(count > CULL_ABOVE);
  const want = cull ? count >= CULL_OFF_BELOW : count > CULL_ABOVE;
  // State from the previous render, as React documents it: the switch needs slack both ways.
  if (want !== cull) setCull(want);
  return want;
}
