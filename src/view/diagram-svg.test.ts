// The exported diagram is a file other tools open: it must be well-formed XML whatever the names
// hold, draw every node and edge, keep its legend clear of the picture and everything inside its
// own viewBox.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagramSvg } from './diagram-svg.ts';
import type { DiagramEdge, DiagramInput, DiagramNode } from './diagram-svg.ts';
import { xmlEscape } from './svg-text.ts';

const ENTITY = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function entitiesOk(s: string): boolean {
  for (let i = s.indexOf('&'); i >= 0; i = s.indexOf('&', i + 1))
    if (!ENTITY.test(s.slice(i))) return false;
  return true;
}

/**
 * A small XML well-formedness check (no dependency): one root element, balanced and properly
 * nested tags, quoted and unique attributes, only predefined or numeric entities, no character
 * XML 1.0 forbids. Returns the first problem, or null.
 */
function xmlProblem(xml: string): string | null {
  if (FORBIDDEN.test(xml)) return 'a character XML forbids';
  if (LONE.test(xml)) return 'a lone surrogate';
  const token =
    /<!--([\s\S]*?)-->|<\/([A-Za-z_][\w:.-]*)\s*>|<([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/gy;
  const stack: string[] = [];
  let roots = 0;
  for (const m of xml.matchAll(token)) {
    const [, comment, close, open, attrs = '', selfClosing, chars, stray] = m;
    if (stray !== undefined) return `a stray < at ${m.index}`;
    if (comment !== undefined) {
      if (comment.includes('--')) return 'a comment holding --';
    } else if (chars !== undefined) {
      if (stack.length === 0 && chars.trim() !== '') return 'text outside the root';
      if (!entitiesOk(chars) || chars.includes('>')) return `text ${JSON.stringify(chars)}`;
    } else if (close !== undefined) {
      if (stack.pop() !== close) return `</${close}> closes nothing open`;
    } else if (open !== undefined) {
      if (stack.length === 0 && roots++ > 0) return 'a second root';
      const names = new Set<string>();
      for (const a of attrs.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*("[^"]*"|'[^']*')/g)) {
        if (names.has(a[1]!)) return `attribute ${a[1]} twice`;
        names.add(a[1]!);
        if (!entitiesOk(a[2]!)) return `attribute ${a[1]} value ${a[2]}`;
      }
      if (selfClosing !== '/') stack.push(open);
    }
  }
  if (stack.length > 0) return `<${stack.at(-1)}> never closed`;
  return roots === 1 ? null : 'no root element';
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** What a reader sees: the text of every <text> element. */
const texts = (svg: string): string[] =>
  [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    decode(m[1]!.replace(/<[^>]+>/g, '')),
  );

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const num = (tag: string, name: string): number =>
  Number(new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? 'NaN');
const boxOf = (tag: string): Box => ({
  x: num(tag, 'x'),
  y: num(tag, 'y'),
  width: num(tag, 'width'),
  height: num(tag, 'height'),
});
/** The outline rectangle of each drawn node, in document order. */
const nodeBoxes = (svg: string): Box[] =>
  [...svg.matchAll(/<g data-node="[a-z]+">\n(<rect [^>]*>)/g)].map((m) => boxOf(m[1]!));
const overlap = (a: Box, b: Box) =>
  Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) &&
  Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y);

const box = (x: number, y: number, width = 200, height = 96) => ({ x, y, width, height });

function workload(id: string, name: string, namespace: string, x: number, y: number): DiagramNode {
  return {
    kind: 'workload',
    id,
    box: box(x, y),
    workload: {
      name,
      kind: 'Deployment',
      namespace,
      labels: { app: name },
      ports: [{ port: 8080, protocol: 'TCP', name: 'http' }],
      inferred: false,
    },
    isolation: { ingress: true, egress: false },
  };
}

function edge(id: string, points: { x: number; y: number }[], label: string): DiagramEdge {
  const mid = points[Math.floor(points.length / 2)]!;
  return {
    id,
    points,
    color: 'hsl(210 62% 40%)',
    strokeWidth: 1.8,
    dashed: false,
    label: {
      centre: mid,
      width: 120,
      parts: [{ text: label, bold: true }, { text: 'TCP 8080' }],
      color: 'hsl(210 62% 40%)',
      background: '#ffffff',
    },
  };
}

function scene(names: {
  ns: string;
  a: string;
  b: string;
  ext: string;
  policy: string;
}): DiagramInput {
  return {
    title: `Workspace of ${names.ns}`,
    subtitle: '2 workloads',
    nodes: [
      {
        kind: 'namespace',
        id: `ns:${names.ns}`,
        box: box(-40, -80, 520, 200),
        name: names.ns,
        defaultDeny: { ingress: true, egress: false },
        inferred: false,
      },
      workload('a', names.a, names.ns, -20, -28),
      workload('b', names.b, names.ns, 260, -28),
      {
        kind: 'external',
        id: 'ext',
        box: box(120, 220, 170, 54),
        label: names.ext,
        cidr: '10.0.0.0/8',
        except: [],
      },
    ],
    edges: [
      edge(
        'e1',
        [
          { x: 180, y: 20 },
          { x: 220, y: 20 },
          { x: 260, y: 20 },
        ],
        names.policy,
      ),
      edge(
        'e2',
        [
          { x: 80, y: 68 },
          { x: 80, y: 160 },
          { x: 205, y: 160 },
          { x: 205, y: 220 },
        ],
        names.policy,
      ),
    ],
    legend: {
      lines: [{ text: names.policy, color: 'hsl(210 62% 40%)', dashed: false }],
      notes: ['Each line is a rule that allows traffic in the direction of its arrow.'],
    },
  };
}

const PLAIN = { ns: 'shop', a: 'web', b: 'api', ext: 'corp', policy: 'shop/api' };

describe('diagramSvg', () => {
  it('writes a standalone, well-formed SVG whose size is its viewBox', () => {
    const d = diagramSvg(scene(PLAIN));
    expect(xmlProblem(d.svg)).toBeNull();
    expect(d.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(d.svg).toContain(
      `width="${d.width}" height="${d.height}" viewBox="0 0 ${d.width} ${d.height}"`,
    );
    // A white background, so the picture reads on a dark document too.
    expect(d.svg).toMatch(
      new RegExp(`<rect width="${d.width}" height="${d.height}" fill="#ffffff"/>`),
    );
    expect(d.svg).toMatch(/<marker id="arrow-0"[^>]*orient="auto"/);
  });

  it('draws every node, edge and label, with their names', () => {
    const input = scene(PLAIN);
    const d = diagramSvg(input);
    expect(nodeBoxes(d.svg)).toHaveLength(input.nodes.length);
    expect(d.svg.match(/<path data-edge=""/g)).toHaveLength(input.edges.length);
    expect(d.svg.match(/<g data-label="">/g)).toHaveLength(2);
    const shown = texts(d.svg);
    for (const name of ['shop', 'web', 'api', 'corp']) expect(shown).toContain(name);
    expect(shown).toContain('ports 8080 http');
    expect(shown).toContain('app=web');
    expect(shown).toContain('in isolated');
    expect(shown).toContain('out open');
    expect(shown).toContain('✓ deny in');
    expect(shown).toContain('deny out: off');
    expect(shown).toContain('shop/api TCP 8080');
    // Every edge ends in an arrow of its colour.
    expect(d.svg.match(/marker-end="url\(#arrow-0\)"/g)).toHaveLength(2);
  });

  it('says what a collapsed namespace folds, as the canvas does', () => {
    const input = scene(PLAIN);
    const folded: DiagramInput = {
      ...input,
      nodes: [
        {
          kind: 'namespace',
          id: 'ns:big',
          box: box(600, -80, 220, 84),
          name: 'big',
          defaultDeny: { ingress: false, egress: false },
          inferred: false,
          folded: '40 workloads · 3 rules inside',
        },
        ...input.nodes,
      ],
    };
    const shown = texts(diagramSvg(folded).svg);
    expect(shown).toContain('40 workloads · 3 rules inside');
    // An open namespace says nothing of the kind.
    expect(texts(diagramSvg(input).svg).some((t) => t.includes('rules inside'))).toBe(false);
  });

  it('places the legend below the picture, never over a node, with its entries', () => {
    const d = diagramSvg(scene(PLAIN));
    const legend = boxOf(/<g data-legend="">\n(<rect [^>]*>)/.exec(d.svg)![1]!);
    const nodes = nodeBoxes(d.svg);
    for (const b of nodes) {
      expect(overlap(b, legend)).toBe(false);
      expect(legend.y).toBeGreaterThanOrEqual(b.y + b.height);
    }
    const shown = texts(d.svg);
    expect(shown).toContain('Legend');
    expect(shown).toContain('shop/api');
    expect(shown.join(' ')).toContain('allows traffic in the direction of its arrow');
    // The node key explains the badges drawn on the nodes.
    expect(shown.join(' ')).toContain('default deny for that direction');
  });

  it('keeps everything inside the viewBox, whatever the canvas coordinates', () => {
    const d = diagramSvg(scene(PLAIN));
    const inside = (x: number, y: number) => {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(d.width);
      expect(y).toBeLessThanOrEqual(d.height);
    };
    for (const m of d.svg.matchAll(/<rect [^>]*>/g)) {
      const b = boxOf(m[0]);
      if (Number.isNaN(b.x)) continue; // the background
      inside(b.x, b.y);
      inside(b.x + b.width, b.y + b.height);
    }
    for (const m of d.svg.matchAll(/<path data-edge="" d="([^"]*)"/g)) {
      const nums = m[1]!.match(/-?[\d.]+/g)!.map(Number);
      for (let i = 0; i < nums.length; i += 2) inside(nums[i]!, nums[i + 1]!);
    }
    for (const m of d.svg.matchAll(/<text [^>]*>/g)) inside(num(m[0], 'x'), num(m[0], 'y'));
  });

  it('escapes hostile names and makes bidi and control characters visible', () => {
    const hostile = {
      ns: 'shop\u202Egnp.exe',
      a: '<script>alert("x")</script>',
      b: "a&b 'quoted' ]]> <!-- c -->",
      ext: 'corp\u0001\u0007\ud800',
      policy: '\u2066evil\u2069 & <policy>',
    };
    // The subtitle is wide enough to show a whole name.
    const d = diagramSvg({ ...scene(hostile), subtitle: hostile.ext });
    expect(xmlProblem(d.svg)).toBeNull();
    expect(d.svg).not.toContain('<script');
    expect(d.svg).not.toContain('<!-- c');
    expect(d.svg).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    const shown = texts(d.svg).join('\n');
    expect(shown).toContain('<script>alert("x")</script>'.slice(0, 12));
    expect(shown).toContain('<U+202E>');
    // A lone surrogate cannot be written as UTF-8: it becomes U+FFFD, as in the YAML export.
    expect(shown).toContain('corp<U+0001><U+0007>\ufffd');
    expect(shown).toContain('<U+2066>evil<U+2069> & <policy>');
  });

  it('is well-formed for any text in any field (property)', () => {
    const unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const any = fc.string({ unit, maxLength: 40 });
    fc.assert(
      fc.property(any, any, any, any, any, any, (ns, a, b, ext, policy, title) => {
        const input = { ...scene({ ns, a, b, ext, policy }), title, subtitle: title };
        const problem = xmlProblem(diagramSvg(input).svg);
        expect(problem).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('says so when the canvas is empty', () => {
    const d = diagramSvg({
      title: 'Empty',
      subtitle: '',
      nodes: [],
      edges: [],
      legend: { lines: [], notes: [] },
    });
    expect(xmlProblem(d.svg)).toBeNull();
    expect(texts(d.svg)).toContain('Nothing on the canvas.');
  });
});

describe('the well-formedness check itself', () => {
  it('rejects what an XML parser rejects', () => {
    expect(xmlProblem('<svg><g></svg>')).not.toBeNull();
    expect(xmlProblem('<svg>a < b</svg>')).not.toBeNull();
    expect(xmlProblem('<svg>a & b</svg>')).not.toBeNull();
    expect(xmlProblem('<svg a="1" a="2"/>')).not.toBeNull();
    expect(xmlProblem('<svg/><svg/>')).not.toBeNull();
    expect(xmlProblem('<svg>\u0001</svg>')).not.toBeNull();
    expect(xmlProblem('<svg>\ud800</svg>')).not.toBeNull();
    expect(xmlProblem('<svg x="<"/>')).not.toBeNull();
    expect(xmlProblem(`<svg>${xmlEscape('a < b & "c" \u0001')}</svg>`)).toBeNull();
    expect(xmlProblem('<svg a="1"><g b=\'2\'>t &amp; &#x41;</g></svg>\n')).toBeNull();
  });
});
