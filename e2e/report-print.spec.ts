// The stocktaking report as it prints: Chromium saves it as a PDF (what "Print / Save as PDF"
// does), and the PDF's text, read back page by page, shows where the pages break.
import { expect, test, type Page } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { logIn } from './helpers.ts';

/** Text without any white space, so line breaks and spacing in the PDF do not matter. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

interface PrintedPage {
  /** The page's text lines, top to bottom. */
  lines: string[];
  /** All its text, squeezed. */
  text: string;
  /** How far down the page its last line sits, 0 (top) to 1 (bottom). */
  filled: number;
}

/** Prints the page to an A4 PDF and reads each page's text lines back. */
async function printToPdf(page: Page): Promise<PrintedPage[]> {
  const pdf = await page.pdf({ format: 'A4' });
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const pages: PrintedPage[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const printed = await document.getPage(n);
    const height = printed.getViewport({ scale: 1 }).height;
    const rows = new Map<number, { x: number; text: string }[]>();
    for (const item of (await printed.getTextContent()).items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const y = Math.round(item.transform[5] as number);
      rows.set(y, [...(rows.get(y) ?? []), { x: item.transform[4] as number, text: item.str }]);
    }
    const ys = [...rows.keys()].sort((a, b) => b - a);
    const lines = ys.map((y) =>
      rows
        .get(y)!
        .sort((a, b) => a.x - b.x)
        .map((i) => i.text)
        .join(' ')
        .trim(),
    );
    pages.push({
      lines,
      text: squeeze(lines.join('')),
      filled: ys.length > 0 ? 1 - ys.at(-1)! / height : 0,
    });
  }
  return pages;
}

test('the printed report fills its first page and keeps headings and figure groups whole', async ({
  page,
}) => {
  test.slow(); // a long journey (several people and pages): the limit only catches a hang
  await logIn(page, 'secretariat@twinning.test');
  await page.goto('/secretariat/report');
  await expect(page.getByRole('heading', { level: 1, name: 'Stocktaking report' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });

  const headings = new Set(
    (await page.locator('.report').getByRole('heading').allInnerTexts()).map(squeeze),
  );
  // Groups a reader needs on one page: each concentration group (its heading, indices and
  // largest shares) and each strip of headline figures.
  const groups = await page
    .locator('.report .concentration section, .report .stats-figures')
    .evaluateAll((elements) => elements.map((e) => (e as HTMLElement).innerText));
  expect(groups.length).toBeGreaterThanOrEqual(3);

  const pages = await printToPdf(page);
  expect(pages.length).toBeGreaterThan(1);

  // Page 1 is not a title page left mostly blank: the balance section starts on it.
  expect(pages[0]!.text).toContain(squeeze('Headline figures'));
  expect(pages[0]!.text).toContain(squeeze('Balance between Asia and Europe'));
  expect(pages[0]!.filled).toBeGreaterThan(0.6);

  // No page ends on a heading whose figures went to the next page.
  for (const [i, printed] of pages.entries()) {
    const last = squeeze(printed.lines.at(-1) ?? '');
    expect(headings.has(last), `page ${i + 1} ends with the heading “${last}”`).toBe(false);
  }

  // Each group stands whole on one page: some page has every word of it (word by word, since a
  // label may wrap differently, and ligatures split a word into several runs of the PDF).
  for (const group of groups) {
    const words = [...new Set(group.split(/\s+/).filter(Boolean))];
    const whole = pages.some((p) => words.every((word) => p.text.includes(word)));
    expect(whole, `split across pages: ${group.replace(/\s+/g, ' ')}`).toBe(true);
  }
});
