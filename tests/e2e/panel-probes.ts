/**
 * Functions that run inside a tested page (passed to `page.evaluate` by Playwright in Chromium and by
 * puppeteer in Firefox alike): they read what the user sees, so both browsers' tests compare the same things.
 * Each is self-contained: evaluate sends its source text, not its closure.
 */

/** Each `data-field` of the panel and its text, whitespace collapsed: the whole element's, or with
 *  `valueOnly` its value (`dd`) without the label where it has one. */
export function panelFieldTexts(valueOnly: boolean): Record<string, string> {
  const root = document.getElementById('pykala-panel')!.shadowRoot!;
  const out: Record<string, string> = {};
  for (const el of root.querySelectorAll<HTMLElement>('[data-field]')) {
    const shown = valueOnly ? (el.querySelector('dd') ?? el) : el;
    out[el.dataset.field!] = shown.textContent!.replace(/\s+/g, ' ').trim();
  }
  return out;
}

/** The page's own text, outside the panel, whitespace collapsed. */
export function pageTextOutsidePanel(): string {
  const clone = document.body.cloneNode(true) as HTMLElement;
  clone.querySelector('#pykala-panel')?.remove();
  return (clone.textContent ?? '').replace(/\s+/g, ' ');
}
