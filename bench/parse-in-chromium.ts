/**
 * The same ratio as parse.item_vs_textcontent_ratio, measured where the parser really runs on every page
 * load: inside Chromium, on the largest real item page, against the browser's own (native)
 * `document.body.textContent`. The parser is bundled from lib/dynasty as the content script bundles it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build, type Rollup } from 'vite';
import { chromiumPath } from '../scripts/chromium';

const ROOT = resolve(import.meta.dirname, '..');

async function parserBundle(): Promise<string> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { '@': ROOT } },
    build: {
      write: false,
      minify: true,
      lib: { entry: resolve(ROOT, 'lib/dynasty/index.ts'), formats: ['iife'], name: 'pykalaParser' },
    },
  })) as Rollup.RollupOutput[];
  return out[0]!.output[0].code;
}

/** Medians in milliseconds of parseShownPage, of textContent and of a bare node walk, interleaved in rounds; null without Chromium. */
export async function parseInChromium(html: string, url: string): Promise<{ parseMs: number; textContentMs: number; bareWalkMs: number } | null> {
  if (process.env.PYKALA_BENCH_NO_BROWSER === '1' || !existsSync(chromiumPath())) return null;
  const code = await parserBundle();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
    await page.goto(url);
    await page.addScriptTag({ content: code });
    // A string, not a function: the page must not see the bench's own transpiled helpers.
    return (await page.evaluate(`(() => {
      const parse = () => pykalaParser.parseShownPage(document, location.href);
      const read = () => document.body.textContent;
      const walk = () => {
        let count = 0, node = document.body;
        const stack = [];
        while (node) {
          count++;
          if (node.firstChild) { stack.push(node); node = node.firstChild; continue; }
          while (node && !node.nextSibling) node = stack.pop() || null;
          node = node ? node.nextSibling : null;
        }
        return count;
      };
      const each = (fn, n) => { const s = performance.now(); for (let i = 0; i < n; i++) fn(); return (performance.now() - s) / n; };
      each(parse, 100); each(read, 100); each(walk, 100);
      const p = [], t = [], w = [];
      for (let round = 0; round < 30; round++) { p.push(each(parse, 20)); t.push(each(read, 20)); w.push(each(walk, 20)); }
      const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
      if (parse().kind !== 'meetingItem') throw new Error('the page did not parse as a meeting item in Chromium');
      return { parseMs: median(p), textContentMs: median(t), bareWalkMs: median(w) };
    })()`)) as { parseMs: number; textContentMs: number; bareWalkMs: number };
  } finally {
    await browser.close();
  }
}
