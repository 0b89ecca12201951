// Page object for the colour scheme: switch the emulated system setting, and measure what the page
// really paints (the background behind a widget, composited through translucent layers, and the
// contrast of the canvas's edge labels), as WCAG computes them.
import type { Page } from '@playwright/test';

/** The widgets whose background says whether the app is light or dark. */
export const THEMED_SURFACES = {
  toolbar: '.toolbar',
  yamlPane: '.yaml-pane .pane-header',
  editor: '.monaco-editor .monaco-editor-background',
  editorGutter: '.monaco-editor .margin',
  canvas: '.canvas .react-flow',
  legend: '.canvas-legend',
  namespace: '.ns-node',
  workload: '.wl-node',
  minimapOrControls: '.react-flow__controls-button',
  sidePanel: '.side-panel-slot',
  problems: '.problems-toggle',
} as const;
export type Surface = keyof typeof THEMED_SURFACES;

export type LabelContrast = { text: string; ratio: number; color: string; background: string };

/** In the page: WCAG luminance of the painted background of each selector's first element. */
function paintedLuminance(selectors: Record<string, string>): Record<string, number | null> {
  const parse = (c: string): [number, number, number, number] | null => {
    const m = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/.exec(c);
    return m
      ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])]
      : null;
  };
  const lum = ([r, g, b]: readonly number[]) => {
    const ch = (v: number) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(r ?? 0) + 0.7152 * ch(g ?? 0) + 0.0722 * ch(b ?? 0);
  };
  // Layers from the element outwards until one is opaque, then composited from the bottom up.
  const painted = (el: Element | null): number => {
    const layers: [number, number, number, number][] = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) layers.push(c);
      if (c && c[3] >= 1) break;
    }
    let rgb = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse())
      rgb = [r * a + rgb[0]! * (1 - a), g * a + rgb[1]! * (1 - a), b * a + rgb[2]! * (1 - a)];
    return lum(rgb);
  };
  return Object.fromEntries(
    Object.entries(selectors).map(([k, s]) => {
      const el = document.querySelector(s);
      return [k, el ? painted(el) : null];
    }),
  );
}

/** In the page: text against background contrast of every edge label drawn (and its spans). */
function edgeLabelContrasts(): LabelContrast[] {
  const parse = (c: string) =>
    (/rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)/.exec(c)?.slice(1, 4) ?? ['0', '0', '0']).map(Number);
  const lum = (rgb: number[]) => {
    const ch = (v: number) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(rgb[0] ?? 0) + 0.7152 * ch(rgb[1] ?? 0) + 0.0722 * ch(rgb[2] ?? 0);
  };
  const out: LabelContrast[] = [];
  for (const label of document.querySelectorAll<HTMLElement>('.edge-label')) {
    const background = getComputedStyle(label).backgroundColor;
    for (const el of [label, ...label.querySelectorAll<HTMLElement>('span')]) {
      if (!el.textContent?.trim()) continue;
      const color = getComputedStyle(el).color;
      const [a, b] = [lum(parse(color)), lum(parse(background))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      out.push({ text: el.textContent.trim().slice(0, 30), ratio, color, background });
    }
  }
  return out;
}

export class ThemePage {
  constructor(readonly page: Page) {}

  /** Changes the system's light/dark setting, as the OS would while the app is open. */
  async system(scheme: 'light' | 'dark'): Promise<void> {
    await this.page.emulateMedia({ colorScheme: scheme });
  }

  /** WCAG luminance (0 black … 1 white) of each themed widget's painted background. */
  async luminance(): Promise<Record<Surface, number | null>> {
    return (await this.page.evaluate(paintedLuminance, { ...THEMED_SURFACES })) as Record<
      Surface,
      number | null
    >;
  }

  /** WCAG luminance of the painted background of `selector`'s first element (null: none). */
  async paintedLuminance(selector: string): Promise<number | null> {
    const lum = await this.page.evaluate(paintedLuminance, { it: selector });
    return lum['it'] ?? null;
  }

  /** Contrast of each edge label's text (and of each of its parts) on the label. */
  async edgeLabelContrasts(): Promise<LabelContrast[]> {
    return this.page.evaluate(edgeLabelContrasts);
  }

  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: `.scratch/dark/${name}.png` });
  }
}
