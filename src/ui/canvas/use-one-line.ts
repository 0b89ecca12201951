// The folded legend's row shows one line: the items that wrap past it are hidden whole
// (`visibility: hidden`), so none is cut mid-word and none stays focusable or clickable unseen.
import { useLayoutEffect } from 'react';
import type { RefObject } from 'react';

/** Marks the children of `row` that do not sit on its first line `data-wrapped` while `on`. */
export function useOneLine(row: RefObject<HTMLElement | null>, on: boolean): void {
  useLayoutEffect(() => {
    const el = row.current;
    if (!el) return;
    const mark = () => {
      const items = [...el.children] as HTMLElement[];
      for (const item of items) item.removeAttribute('data-wrapped');
      if (!on || items.length === 0) return;
      const first = Math.min(...items.map((i) => i.offsetTop));
      // Items of one line differ in height by a few pixels; the next line starts a row gap lower.
      for (const item of items)
        if (item.offsetTop > first + 8) item.setAttribute('data-wrapped', '');
    };
    // Measured when a ResizeObserver reports, after the frame's layout: reading positions then
    // forces none (read in the commit, at every render, it laid out the whole page: ~14 ms at
    // 5,000 workloads per keystroke). An item moves to another line only when the row's width or
    // an item's size changes, or items come and go; hiding one changes no size.
    const sizes = new ResizeObserver(mark);
    const observe = () => {
      sizes.disconnect();
      sizes.observe(el);
      for (const item of el.children) sizes.observe(item);
    };
    observe();
    const children = new MutationObserver(observe);
    children.observe(el, { childList: true });
    return () => {
      sizes.disconnect();
      children.disconnect();
    };
  }, [row, on]);
}
