// Spots an unrendered Helm template: `{{ … }}` actions in the text, which kubectl would never see
// because `helm template` or `helm install` renders them first. They usually break the YAML, and
// the parser's message ("missed comma between flow collection entries") says nothing about why.

export const HELM_HINT =
  'this looks like an unrendered Helm template ({{ … }}): run helm template first and check its output';

/** 1-based line and column of the first `{{ … }}` outside a comment line, or null. */
export function findTemplateAction(text: string): { line: number; column: number } | null {
  // Nearly every text has no `{{` at all: one scan, no split into lines.
  if (!text.includes('{{')) return null;
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*#/.test(line)) continue;
    const open = line.indexOf('{{');
    if (open >= 0 && line.indexOf('}}', open + 2) > open) return { line: i + 1, column: open + 1 };
  }
  return null;
}
