/**
 * parse.item_vs_textcontent_ratio: how much dearer parsing the largest real item page is than one
 * `document.body.textContent` read of the same document, in the same DOM implementation (linkedom,
 * what the CLI uses), medians of many runs. It says whether the parser can run on every page load in
 * a content script without being noticed: goal <= 3.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseHTML } from 'linkedom';
import { decodeBytes } from '../lib/dynasty/charset';
import { kindOfStaticFile } from '../lib/dynasty/detect';
import { parsePage } from '../lib/dynasty/index';
import { readPage } from '../lib/dynasty/text';
import { parseInChromium } from './parse-in-chromium';
import { median, type BenchRow } from './types';

const GOAL = 3;

function largestRealItemPage(): { path: string; url: string } {
  const dir = resolve(import.meta.dirname, '../tests/fixtures/dynasty/static-espoo');
  const items = readdirSync(dir).filter((f) => kindOfStaticFile(f) === 'meetingItem');
  const largest = items.sort((a, b) => statSync(resolve(dir, b)).size - statSync(resolve(dir, a)).size)[0]!;
  return { path: resolve(dir, largest), url: `http://espoo04.hosting.documenta.fi/kokous/${largest}` };
}

function timeEach(runs: number, fn: () => unknown): number[] {
  const times: number[] = [];
  let sink = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const out = fn();
    times.push(performance.now() - start);
    sink += typeof out === 'string' ? out.length : 1;
  }
  if (sink < 0) console.log(sink);
  return times;
}

export async function run(): Promise<BenchRow[]> {
  const { path, url } = largestRealItemPage();
  const html = decodeBytes(new Uint8Array(readFileSync(path))).text;
  const document = parseHTML(html).document as unknown as Document;
  // Warm up both paths (JIT), then measure interleaved rounds so drift hits both alike.
  timeEach(50, () => parsePage(document, url));
  timeEach(50, () => document.body.textContent);
  // The floor of any parser that reads structure: visiting every node once, doing nothing.
  const walk = () => {
    let count = 0;
    let node: Node | null = document.body;
    const stack: Node[] = [];
    while (node) {
      count++;
      if (node.firstChild) {
        stack.push(node);
        node = node.firstChild;
        continue;
      }
      while (node && !node.nextSibling) node = stack.pop() ?? null;
      node = node ? node.nextSibling : null;
    }
    return count;
  };
  // What the parser's first step costs alone: reading the page into lines (lib/dynasty/text.ts).
  timeEach(50, () => readPage(document));
  const parse: number[] = [];
  const text: number[] = [];
  const bare: number[] = [];
  const reader: number[] = [];
  for (let round = 0; round < 20; round++) {
    parse.push(...timeEach(25, () => parsePage(document, url)));
    text.push(...timeEach(25, () => document.body.textContent));
    bare.push(...timeEach(25, walk));
    reader.push(...timeEach(25, () => readPage(document)));
  }
  const ratio = median(parse) / median(text);
  const inChromium = await parseInChromium(html, url).catch((error: unknown) => {
    process.stderr.write(`parse in Chromium skipped: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  });
  return [
    { name: 'parse.item_vs_textcontent_ratio', value: ratio, goal: `<= ${GOAL} (${path.replace(/^.*\//, '')}, linkedom)`, pass: ratio <= GOAL },
    { name: 'parse.item_ms', value: median(parse) },
    { name: 'parse.textcontent_ms', value: median(text) },
    { name: 'parse.bare_walk_vs_textcontent_ratio', value: median(bare) / median(text) },
    { name: 'parse.reader_vs_textcontent_ratio', value: median(reader) / median(text) },
    ...(inChromium
      ? [
          { name: 'parse.item_ms_chromium', value: inChromium.parseMs, goal: 'parseShownPage in Chromium' },
          { name: 'parse.item_vs_textcontent_ratio_chromium', value: inChromium.parseMs / inChromium.textContentMs, goal: 'against native textContent' },
          { name: 'parse.bare_walk_vs_textcontent_ratio_chromium', value: inChromium.bareWalkMs / inChromium.textContentMs, goal: 'visiting every node from JS' },
        ]
      : []),
  ];
}
