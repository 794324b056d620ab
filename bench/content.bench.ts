/**
 * In-page reading figures:
 * - `content_script_bytes`: size of the built, minified content script (goal < 60 000). It reads an
 *   existing build ($PYKALA_EXT_DIR, .output-demo, .output) when that build is newer than every source
 *   the content script is made of; otherwise it builds one itself into `.output-bench-content/`.
 * - `content_script_gzip_bytes`: the same, gzipped (reported).
 * - `content_script_bytes.<part>`: which code those bytes are, from the build's source map (parser =
 *   lib/dynasty, ui = components/panel, lib/reading, the entrypoint and its lib helpers, preact, wxt =
 *   WXT's wrapper); the biggest modules are printed to stderr (reported). Code without a mapping of
 *   its own (WXT's generated entry wrapper, about 0.7 kB) counts toward the module before it.
 * - `content.panel_visible_ms`: DOMContentLoaded -> panel visible on the largest real page (the Espoo
 *   static item 2013262303-5.HTM), median of several loads in Debian Chromium with the demo build
 *   (reported, not gated; skipped when Chromium or the demo build is missing, or PYKALA_BENCH_NO_BROWSER=1).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { median, type BenchRow } from './types';

const ROOT = resolve(import.meta.dirname, '..');
const MAP_SUFFIX = '.map';
const SOURCES = ['entrypoints/dynasty.content', 'components/panel', 'lib/reading', 'lib/dynasty', 'lib/messages.ts', 'lib/send.ts', 'lib/i18n.ts', 'wxt.config.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  const full = resolve(ROOT, path);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((f) => newestMtime(join(path, f))));
}

function contentScriptOf(extDir: string): string | null {
  const file = join(extDir, 'content-scripts', 'dynasty.js');
  return existsSync(file) ? file : null;
}

function isDemoBuild(extDir: string): boolean {
  const manifest = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8')) as { content_scripts?: { matches?: string[] }[] };
  return !!manifest.content_scripts?.some((c) => c.matches?.some((m) => m.includes('127.0.0.1')));
}

/**
 * A build newer than the content script's sources and with its source map: $PYKALA_EXT_DIR,
 * .output-demo or .output (a demo build when `demo`); otherwise one built here into .output-bench-content. The content script's code
 * is the same in both builds (only the manifest's matches differ), so either gives its size.
 */
function builtContentScript(demo: boolean): { file: string; extDir: string; built: boolean } {
  const sourcesAt = Math.max(...SOURCES.map(newestMtime));
  const candidates = [process.env.PYKALA_EXT_DIR, '.output-demo/chrome-mv3', '.output/chrome-mv3', '.output-bench-content/chrome-mv3'];
  for (const dir of candidates.filter(Boolean) as string[]) {
    const extDir = resolve(ROOT, dir);
    const file = contentScriptOf(extDir);
    const fresh = file && statSync(file).mtimeMs >= sourcesAt && existsSync(file + MAP_SUFFIX);
    if (file && fresh && (!demo || isDemoBuild(extDir))) return { file, extDir, built: false };
  }
  const outDir = '.output-bench-content';
  execFileSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    // Hidden source maps (wxt.config.ts): the script itself is byte for byte what a plain build writes.
    env: { ...process.env, PYKALA_DEMO: '1', PYKALA_OUT_DIR: outDir, PYKALA_SOURCEMAP: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const extDir = resolve(ROOT, outDir, 'chrome-mv3');
  const file = contentScriptOf(extDir);
  if (!file) throw new Error('the build wrote no content-scripts/dynasty.js');
  return { file, extDir, built: true };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Source-map segments of one generated line: [generated column, source index] (VLQ, fields 1-2 of 4-5). */
function* segments(mappings: string): Generator<{ line: number; column: number; source: number }> {
  let source = 0;
  const lines = mappings.split(';');
  for (let line = 0; line < lines.length; line++) {
    let column = 0;
    for (const segment of lines[line]!.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0]!;
      if (fields.length >= 4) source += fields[1]!;
      yield { line, column, source: fields.length >= 4 ? source : -1 };
    }
  }
}

/** Bytes of the minified script per source module (each mapped segment runs to the next one). */
export function bytesPerModule(code: string, map: { sources: string[]; mappings: string }): Map<string, number> {
  const lines = code.split('\n');
  const out = new Map<string, number>();
  const all = [...segments(map.mappings)];
  for (let i = 0; i < all.length; i++) {
    const s = all[i]!;
    const next = all[i + 1];
    const end = next && next.line === s.line ? next.column : lines[s.line]!.length + 1;
    const name = s.source >= 0 ? map.sources[s.source]!.replace(/^(\.\.\/)+/, '') : '(unmapped)';
    out.set(name, (out.get(name) ?? 0) + Buffer.byteLength(lines[s.line]!.slice(s.column, end)));
  }
  return out;
}

function partOf(module: string): 'parser' | 'ui' | 'preact' | 'wxt' {
  if (module.startsWith('lib/dynasty/')) return 'parser';
  if (module.includes('node_modules/preact/')) return 'preact';
  if (module.includes('node_modules/') || module === '(unmapped)') return 'wxt';
  return 'ui';
}

function breakdownRows(file: string): BenchRow[] {
  if (!existsSync(file + MAP_SUFFIX)) return [];
  const perModule = bytesPerModule(readFileSync(file, 'utf8'), JSON.parse(readFileSync(file + MAP_SUFFIX, 'utf8')) as { sources: string[]; mappings: string });
  const parts = { parser: 0, ui: 0, preact: 0, wxt: 0 };
  for (const [module, bytes] of perModule) parts[partOf(module)] += bytes;
  const top = [...perModule].sort((a, b) => b[1] - a[1]).slice(0, 15);
  process.stderr.write(`content script, biggest modules (bytes): ${top.map(([m, b]) => `${m.replace(/.*node_modules\//, '')} ${b}`).join(', ')}\n`);
  return Object.entries(parts).map(([part, bytes]) => ({ name: `content_script_bytes.${part}`, value: bytes, goal: 'reported' }));
}

async function panelVisibleMs(extDir: string): Promise<number | null> {
  if (process.env.PYKALA_BENCH_NO_BROWSER === '1') return null;
  if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) return null;
  if (!isDemoBuild(extDir)) return null;
  const previous = process.env.PYKALA_EXT_DIR;
  process.env.PYKALA_EXT_DIR = extDir;
  const { launchWithExtension } = await import('../tests/e2e/harness');
  const { measurePanelVisible } = await import('../tests/e2e/reading-timing');
  const h = await launchWithExtension();
  try {
    const page = await h.context.newPage();
    const times: number[] = [];
    for (let i = 0; i < 7; i++) times.push(await measurePanelVisible(page, `${h.portal.url}/kokous/2013262303-5.HTM`));
    return median(times.slice(1));
  } finally {
    await h.close();
    if (previous === undefined) delete process.env.PYKALA_EXT_DIR;
    else process.env.PYKALA_EXT_DIR = previous;
  }
}

export async function run(): Promise<BenchRow[]> {
  const browser = process.env.PYKALA_BENCH_NO_BROWSER !== '1' && existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  const { file, extDir, built } = builtContentScript(browser);
  const bytes = readFileSync(file);
  process.stderr.write(`content script: ${file}${built ? ' (built for this bench)' : ''}\n`);
  const rows: BenchRow[] = [
    { name: 'content_script_bytes', value: bytes.length, goal: '< 60000', pass: bytes.length < 60000 },
    { name: 'content_script_gzip_bytes', value: gzipSync(bytes).length, goal: 'reported' },
    ...breakdownRows(file),
  ];
  const visible = await panelVisibleMs(extDir).catch((error: unknown) => {
    process.stderr.write(`panel timing skipped: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  });
  if (visible !== null) rows.push({ name: 'content.panel_visible_ms', value: visible, goal: 'reported (DOMContentLoaded -> panel)' });
  return rows;
}
