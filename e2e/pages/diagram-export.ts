// Page object for the diagram export: the Export menu's diagram items, used as a person uses them,
// and readers for the files they save (the SVG's text, a PNG's size from its IHDR chunk).
import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';

export class DiagramExport {
  constructor(readonly page: Page) {}

  /** The menu item, with the menu open (its accessible name includes what it exports). */
  async item(format: 'SVG' | 'PNG'): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Export' }).click();
    return this.page.getByRole('menuitem', { name: new RegExp(`^Diagram as ${format}`) });
  }

  /** Clicks the item and returns the file the browser saves. */
  async save(format: 'SVG' | 'PNG'): Promise<{ download: Download; bytes: Buffer }> {
    const item = await this.item(format);
    const saved = this.page.waitForEvent('download');
    await item.click();
    const download = await saved;
    return { download, bytes: await readFile(await download.path()) };
  }
}

/** What a reader sees in an SVG: the text of every <text> element, entities decoded. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The size a PNG declares, or null when the bytes are not a PNG (signature, then IHDR first). */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 33 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
