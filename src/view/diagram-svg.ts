// The canvas as a standalone SVG file for design documents and reviews: the nodes and routed edges
// the canvas shows, a title, and a legend below the picture (never over it). Pure: the UI collects
// what is on the canvas, this writes the file, and the PNG export draws the same file.
import { displayText } from '../model/display-text.ts';
import type { Workload } from '../model/types.ts';
import { inflate, rectAround, roundedPath, unionOf } from './geometry.ts';
import type { Point, Rect } from './geometry.ts';
import { DIAGRAM_FONT, fitText, textWidth, wrapText, xmlEscape } from './svg-text.ts';

export interface DiagramWorkload {
  readonly kind: 'workload';
  readonly id: string;
  readonly box: Rect;
  readonly workload: Pick<
    Workload,
    'name' | 'kind' | 'namespace' | 'labels' | 'ports' | 'inferred'
  >;
  readonly isolation: { readonly ingress: boolean; readonly egress: boolean };
}

export interface DiagramNamespace {
  readonly kind: 'namespace';
  readonly id: string;
  readonly box: Rect;
  readonly name: string;
  readonly defaultDeny: { readonly ingress: boolean; readonly egress: boolean };
  readonly inferred: boolean;
  /** A collapsed namespace: one box saying what it folds, e.g. "12 workloads · 3 rules inside". */
  readonly folded?: string;
}

export interface DiagramExternal {
  readonly kind: 'external';
  readonly id: string;
  readonly box: Rect;
  readonly label: string;
  /** null: the "anywhere" peer of rules without peers, or every namespace. */
  readonly cidr: string | null;
  readonly except: readonly string[];
}

/** Absolute boxes in canvas coordinates; namespaces before the nodes inside them. */
export type DiagramNode = DiagramWorkload | DiagramNamespace | DiagramExternal;

export interface DiagramLabel {
  readonly centre: Point;
  readonly width: number;
  /** Pieces of text side by side (a policy's name in bold, then its ports). */
  readonly parts: readonly {
    readonly text: string;
    readonly bold?: boolean;
    readonly color?: string;
  }[];
  /** Border and default text colour. */
  readonly color: string;
  readonly background: string;
  readonly dashed?: boolean;
}

export interface DiagramEdge {
  readonly id: string;
  /** The routed polyline, source to target (canvas coordinates). */
  readonly points: readonly Point[];
  readonly color: string;
  readonly strokeWidth: number;
  readonly dashed: boolean;
  readonly label: DiagramLabel | null;
}

export interface LegendLine {
  readonly text: string;
  readonly color: string;
  readonly dashed: boolean;
}

export interface DiagramLegend {
  /** What the lines are: one entry per policy, or the flow verdicts. */
  readonly lines: readonly LegendLine[];
  /** Sentences under the lines (how to read arrows and labels). */
  readonly notes: readonly string[];
}

export interface DiagramInput {
  readonly title: string;
  readonly subtitle: string;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  readonly legend: DiagramLegend;
}

export interface Diagram {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

const MARGIN = 24;
const TITLE_HEIGHT = 52;
const GAP = 20;
const LABEL_HEIGHT = 19;
const LEGEND_MIN_WIDTH = 440;
const LEGEND_COLUMN = 250;
const LEGEND_PAD = 14;
const LEGEND_ROW = 20;
const NOTE_LINE = 16;
const KEY_ROW = 24;
const INK = { text: '#101828', muted: '#5d6b82', body: '#344054' } as const;
const BADGE = {
  on: { fill: '#fff4ed', stroke: '#f79009', text: '#7a2e0e' },
  off: { fill: '#ffffff', stroke: '#d0d5dd', text: '#5d6b82' },
} as const;

const n = (v: number): string => String(Number.isFinite(v) ? Math.round(v * 100) / 100 : 0);
const attr = (v: string): string => xmlEscape(v);

function text(
  x: number,
  y: number,
  content: string,
  o: { size: number; bold?: boolean; fill?: string; anchor?: 'start' | 'middle' | 'end' },
): string {
  return `<text x="${n(x)}" y="${n(y)}" font-size="${o.size}"${o.bold ? ' font-weight="600"' : ''} fill="${attr(o.fill ?? INK.text)}"${o.anchor && o.anchor !== 'start' ? ` text-anchor="${o.anchor}"` : ''}>${xmlEscape(content)}</text>`;
}

/** A pill with a word in it (isolation badges, namespace default denies); returns its width. */
function pill(x: number, y: number, word: string, on: boolean, out: string[]): number {
  const s = on ? BADGE.on : BADGE.off;
  const width = Math.ceil(textWidth(word, 10.5) + 14);
  out.push(
    `<rect x="${n(x)}" y="${n(y)}" width="${width}" height="16" rx="8" fill="${s.fill}" stroke="${s.stroke}"/>`,
    text(x + 7, y + 12, word, { size: 10.5, fill: s.text }),
  );
  return width;
}

const isolationWord = (dir: 'in' | 'out', isolated: boolean) =>
  `${dir} ${isolated ? 'isolated' : 'open'}`;
const denyWord = (dir: 'in' | 'out', on: boolean) => (on ? `✓ deny ${dir}` : `deny ${dir}: off`);

function portsText(w: DiagramWorkload['workload']): string {
  const ports = w.ports.map(
    (p) => `${p.protocol === 'TCP' ? '' : `${p.protocol} `}${p.port}${p.name ? ` ${p.name}` : ''}`,
  );
  return ports.length === 0 ? 'no declared ports' : `ports ${ports.join(', ')}`;
}

function labelsText(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels);
  return keys.length === 0 ? 'no labels' : keys.map((k) => `${k}=${labels[k] ?? ''}`).join('  ');
}

function drawWorkload(d: DiagramWorkload, b: Rect, clip: string, withNamespace: boolean): string[] {
  const w = d.workload;
  const inner = b.width - 20;
  const kind = w.inferred ? 'inferred' : w.kind;
  const kindWidth = textWidth(kind, 10.5) + 8;
  const prefix = withNamespace ? `${displayText(w.namespace, 100_000)}/` : '';
  const full = `${prefix}${displayText(w.name, 100_000)}`;
  // The name matters more than the kind: the kind gives way when the name needs its room.
  const showKind = textWidth(full, 13, true) <= inner - kindWidth;
  const name = fitText(full, showKind ? inner - kindWidth : inner, 13, true);
  // The namespace, when no namespace box says it, in a lighter weight before the name.
  const head =
    prefix && name.startsWith(prefix)
      ? `<tspan font-weight="400" fill="${INK.muted}">${xmlEscape(prefix)}</tspan>${xmlEscape(name.slice(prefix.length))}`
      : xmlEscape(name);
  const out = [
    `<g data-node="workload">`,
    `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="10" fill="${w.inferred ? '#fcfcfd' : '#ffffff'}" stroke="#667085" stroke-width="1.5"${w.inferred ? ' stroke-dasharray="5 4"' : ''}/>`,
    `<g clip-path="url(#${clip})">`,
    `<text x="${n(b.x + 10)}" y="${n(b.y + 21)}" font-size="13" font-weight="600" fill="${INK.text}">${head}</text>`,
    ...(showKind
      ? [text(b.x + b.width - 10, b.y + 21, kind, { size: 10.5, fill: INK.muted, anchor: 'end' })]
      : []),
    text(
      b.x + 10,
      b.y + 40,
      fitText(w.inferred ? 'inferred from selector' : labelsText(w.labels), inner, 11),
      { size: 11, fill: INK.body },
    ),
    text(b.x + 10, b.y + 57, fitText(portsText(w), inner, 11), { size: 11, fill: INK.body }),
  ];
  const y = b.y + b.height - 24;
  const x = b.x + 10;
  const first = pill(x, y, isolationWord('in', d.isolation.ingress), d.isolation.ingress, out);
  pill(x + first + 6, y, isolationWord('out', d.isolation.egress), d.isolation.egress, out);
  out.push('</g>', '</g>');
  return out;
}

function drawNamespace(d: DiagramNamespace, b: Rect, clip: string): string[] {
  const out = [
    `<g data-node="namespace">`,
    `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="12" fill="${d.inferred ? '#f9fafb' : '#f2f4f7'}" stroke="#98a2b3" stroke-width="1.5"${d.inferred ? ' stroke-dasharray="6 4"' : ''}/>`,
    `<g clip-path="url(#${clip})">`,
    text(b.x + 10, b.y + 19, 'namespace', { size: 10.5, fill: INK.muted }),
    text(b.x + 78, b.y + 19, fitText(d.name, b.width - 88, 13, true), { size: 13, bold: true }),
  ];
  const y = b.y + 27;
  let x = b.x + 10;
  x += pill(x, y, denyWord('in', d.defaultDeny.ingress), d.defaultDeny.ingress, out) + 6;
  x += pill(x, y, denyWord('out', d.defaultDeny.egress), d.defaultDeny.egress, out) + 6;
  if (d.inferred) out.push(text(x + 4, y + 12, 'inferred', { size: 10.5, fill: INK.muted }));
  if (d.folded !== undefined)
    out.push(text(b.x + 10, y + 38, fitText(d.folded, b.width - 20, 12), { size: 12 }));
  out.push('</g>', '</g>');
  return out;
}

function externalDetail(d: DiagramExternal): string {
  if (d.cidr === null)
    return d.label === 'anywhere' ? 'rules without from/to' : 'namespaceSelector: {}';
  const what = d.label === d.cidr ? 'external network' : d.cidr;
  return `${what}${d.except.length ? ` except ${d.except.join(', ')}` : ''}`;
}

function drawExternal(d: DiagramExternal, b: Rect, clip: string): string[] {
  const any = d.cidr === null;
  const ink = any ? '#344054' : '#0b4a6f';
  const cx = b.x + 21;
  const cy = b.y + b.height / 2;
  const inner = b.width - 46;
  return [
    `<g data-node="external">`,
    `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="${n(Math.min(b.height, b.width) / 2)}" fill="${any ? '#f9fafb' : '#f0f9ff'}" stroke="${any ? '#667085' : '#0e7090'}" stroke-width="1.5"${any ? ' stroke-dasharray="2 3"' : ''}/>`,
    `<g fill="none" stroke="${ink}" stroke-width="1.2"><circle cx="${n(cx)}" cy="${n(cy)}" r="7"/><ellipse cx="${n(cx)}" cy="${n(cy)}" rx="3" ry="7"/><path d="M${n(cx - 7)},${n(cy)}h14"/></g>`,
    `<g clip-path="url(#${clip})">`,
    text(b.x + 34, cy - 2, fitText(d.label, inner, 13, true), { size: 13, bold: true, fill: ink }),
    text(b.x + 34, cy + 13, fitText(externalDetail(d), inner, 10.5), { size: 10.5, fill: ink }),
    '</g>',
    '</g>',
  ];
}

function drawLabel(l: DiagramLabel, at: Point, clip: string): string[] {
  const box = rectAround(at, l.width, LABEL_HEIGHT);
  const spans = l.parts
    .map(
      (p, i) =>
        `<tspan${p.bold ? ' font-weight="600"' : ''}${p.color ? ` fill="${attr(p.color)}"` : ''}>${i > 0 ? ' ' : ''}${xmlEscape(fitText(p.text, l.width, 10.5))}</tspan>`,
    )
    .join('');
  return [
    `<g data-label="">`,
    `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${LABEL_HEIGHT}" rx="6" fill="${attr(l.background)}" stroke="${attr(l.color)}"${l.dashed ? ' stroke-dasharray="3 2"' : ''}/>`,
    `<text x="${n(at.x)}" y="${n(at.y + 3.8)}" font-size="10.5" text-anchor="middle" fill="${attr(l.color)}" clip-path="url(#${clip})">${spans}</text>`,
    '</g>',
  ];
}

/** Everything the picture draws, in canvas coordinates. */
export function pictureBounds(input: Pick<DiagramInput, 'nodes' | 'edges'>): Rect | null {
  const rects: Rect[] = input.nodes.map((d) => d.box);
  for (const e of input.edges) {
    for (const p of e.points) rects.push({ x: p.x, y: p.y, width: 0, height: 0 });
    if (e.label) rects.push(rectAround(e.label.centre, e.label.width, LABEL_HEIGHT));
  }
  const u = unionOf(rects);
  // Room for arrowheads and strokes at the edge of the picture.
  return u && inflate(u, 12);
}

interface LegendBox {
  readonly height: number;
  readonly draw: (x: number, y: number) => string[];
}

function legendBox(input: DiagramInput, width: number): LegendBox {
  const { legend, nodes } = input;
  const inner = width - 2 * LEGEND_PAD;
  const columns = Math.max(1, Math.floor(inner / LEGEND_COLUMN));
  const columnWidth = inner / columns;
  const rows = Math.ceil(legend.lines.length / columns);
  const notes = legend.notes.flatMap((note) => wrapText(note, inner, 11));
  const keys: { sample: (x: number, y: number, out: string[]) => number; text: string }[] = [];
  if (nodes.some((d) => d.kind === 'workload'))
    keys.push({
      sample: (x, y, out) => {
        const w = pill(x, y, isolationWord('in', true), true, out);
        return w + 6 + pill(x + w + 6, y, isolationWord('out', false), false, out);
      },
      text: 'policies isolate the workload for ingress (in) or egress (out): only what they allow gets through; open: everything does',
    });
  if (nodes.some((d) => d.kind === 'namespace'))
    keys.push({
      sample: (x, y, out) => pill(x, y, denyWord('in', true), true, out),
      text: 'the namespace has a default deny for that direction',
    });
  if (
    nodes.some((d) =>
      d.kind === 'workload' ? d.workload.inferred : d.kind === 'namespace' && d.inferred,
    )
  )
    keys.push({
      sample: (x, y, out) => {
        out.push(
          `<rect x="${n(x)}" y="${n(y)}" width="40" height="16" rx="4" fill="#fcfcfd" stroke="#667085" stroke-width="1.5" stroke-dasharray="5 4"/>`,
        );
        return 40;
      },
      text: 'dashed border: inferred from a selector, no such object in the YAML',
    });
  const KEY_TEXT_AT = 170;
  const keyLines = keys.map((k) => wrapText(k.text, inner - KEY_TEXT_AT, 11));
  const keyHeight = keyLines.reduce(
    (h, lines) => h + Math.max(KEY_ROW, lines.length * NOTE_LINE + 6),
    0,
  );
  const height =
    LEGEND_PAD +
    18 +
    rows * LEGEND_ROW +
    (notes.length ? 6 + notes.length * NOTE_LINE : 0) +
    (keys.length ? 8 + keyHeight : 0) +
    LEGEND_PAD -
    4;
  const draw = (x: number, y: number): string[] => {
    const out = [
      `<g data-legend="">`,
      `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" rx="8" fill="#ffffff" stroke="#d0d5dd"/>`,
      text(x + LEGEND_PAD, y + LEGEND_PAD + 10, 'Legend', { size: 12, bold: true }),
    ];
    let top = y + LEGEND_PAD + 18;
    legend.lines.forEach((l, i) => {
      const cx = x + LEGEND_PAD + (i % columns) * columnWidth;
      const cy = top + Math.floor(i / columns) * LEGEND_ROW + LEGEND_ROW / 2;
      out.push(
        `<line x1="${n(cx)}" y1="${n(cy)}" x2="${n(cx + 28)}" y2="${n(cy)}" stroke="${attr(l.color)}" stroke-width="2.2"${l.dashed ? ' stroke-dasharray="7 5"' : ''}/>`,
        text(cx + 36, cy + 4, fitText(l.text, columnWidth - 44, 11), { size: 11, fill: l.color }),
      );
    });
    top += rows * LEGEND_ROW;
    if (notes.length) top += 6;
    for (const line of notes) {
      out.push(text(x + LEGEND_PAD, top + 12, line, { size: 11, fill: INK.body }));
      top += NOTE_LINE;
    }
    if (keys.length) top += 8;
    keys.forEach((k, i) => {
      const lines = keyLines[i] ?? [];
      k.sample(x + LEGEND_PAD, top + 2, out);
      lines.forEach((line, j) =>
        out.push(
          text(x + LEGEND_PAD + KEY_TEXT_AT, top + 14 + j * NOTE_LINE, line, {
            size: 11,
            fill: INK.body,
          }),
        ),
      );
      top += Math.max(KEY_ROW, lines.length * NOTE_LINE + 6);
    });
    out.push('</g>');
    return out;
  };
  return { height, draw };
}

/** The SVG file: title, picture (nodes, edges, labels) and the legend below it. */
export function diagramSvg(input: DiagramInput): Diagram {
  const bounds = pictureBounds(input) ?? { x: 0, y: 0, width: LEGEND_MIN_WIDTH, height: 60 };
  const dx = MARGIN - bounds.x;
  const dy = MARGIN + TITLE_HEIGHT - bounds.y;
  const at = (r: Rect): Rect => ({ ...r, x: r.x + dx, y: r.y + dy });
  const pt = (p: Point): Point => ({ x: p.x + dx, y: p.y + dy });
  const legendWidth = Math.max(bounds.width, LEGEND_MIN_WIDTH);
  const legend = legendBox(input, legendWidth);
  const width = Math.ceil(legendWidth + 2 * MARGIN);
  const legendY = MARGIN + TITLE_HEIGHT + bounds.height + GAP;
  const height = Math.ceil(legendY + legend.height + MARGIN);

  const colors = [...new Set(input.edges.map((e) => e.color))];
  const defs: string[] = colors.map(
    (c, i) =>
      `<marker id="arrow-${i}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${attr(c)}"/></marker>`,
  );
  const clipRect = (id: string, r: Rect) =>
    `<clipPath id="${id}"><rect x="${n(r.x)}" y="${n(r.y)}" width="${n(r.width)}" height="${n(r.height)}"/></clipPath>`;

  const namespaces = new Set(input.nodes.flatMap((d) => (d.kind === 'namespace' ? [d.name] : [])));
  const back: string[] = [];
  const front: string[] = [];
  input.nodes.forEach((d, i) => {
    const b = at(d.box);
    const clip = `node-${i}`;
    defs.push(clipRect(clip, inflate(b, -3)));
    if (d.kind === 'namespace') back.push(...drawNamespace(d, b, clip));
    else if (d.kind === 'workload')
      front.push(...drawWorkload(d, b, clip, !namespaces.has(d.workload.namespace)));
    else front.push(...drawExternal(d, b, clip));
  });
  const edges: string[] = [];
  const labels: string[] = [];
  input.edges.forEach((e, i) => {
    const marker = colors.indexOf(e.color);
    edges.push(
      `<path data-edge="" d="${roundedPath(e.points.map(pt))}" fill="none" stroke="${attr(e.color)}" stroke-width="${n(e.strokeWidth)}"${e.dashed ? ' stroke-dasharray="7 5"' : ''} marker-end="url(#arrow-${marker})"/>`,
    );
    if (e.label) {
      const clip = `label-${i}`;
      const centre = pt(e.label.centre);
      defs.push(clipRect(clip, inflate(rectAround(centre, e.label.width, LABEL_HEIGHT), -2)));
      labels.push(...drawLabel(e.label, centre, clip));
    }
  });
  const titleWidth = width - 2 * MARGIN;
  const empty =
    input.nodes.length === 0
      ? [
          text(MARGIN, MARGIN + TITLE_HEIGHT + 30, 'Nothing on the canvas.', {
            size: 13,
            fill: INK.muted,
          }),
        ]
      : [];

  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${attr(DIAGRAM_FONT)}">`,
    `<title>${xmlEscape(displayText(input.title, 200))}</title>`,
    `<defs>${defs.join('')}</defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(MARGIN, MARGIN + 16, fitText(input.title, titleWidth, 17, true), { size: 17, bold: true }),
    text(MARGIN, MARGIN + 36, fitText(input.subtitle, titleWidth, 11.5), {
      size: 11.5,
      fill: INK.muted,
    }),
    ...empty,
    ...back,
    ...edges,
    ...front,
    ...labels,
    ...legend.draw(MARGIN, legendY),
    '</svg>',
    '',
  ].join('\n');
  return { svg, width, height };
}
