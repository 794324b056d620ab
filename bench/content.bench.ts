/**
 * In-page reading figures:
 * - `content_script_bytes`: size of the built, minified content script (goal < 60 000). It reads an
 *   existing build ($PYKALA_EXT_DIR, .output-demo, .output) when that build is newer than every source
 *   the content script is made of; otherwise it builds one itself into `.output-bench-content/`.
 * - `content_script_gzip_bytes`: the same, gzipped (reported).
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
 * A build newer than the content script's sources: $PYKALA_EXT_DIR, .output-demo or .output (a demo
 * build when `demo`); otherwise one built here into .output-bench-content. The content script's code
 * is the same in both builds (only the manifest's matches differ), so either gives its size.
 */
function builtContentScript(demo: boolean): { file: string; extDir: string; built: boolean } {
  const sourcesAt = Math.max(...SOURCES.map(newestMtime));
  const candidates = [process.env.PYKALA_EXT_DIR, '.output-demo/chrome-mv3', '.output/chrome-mv3', '.output-bench-content/chrome-mv3'];
  for (const dir of candidates.filter(Boolean) as string[]) {
    const extDir = resolve(ROOT, dir);
    const file = contentScriptOf(extDir);
    if (file && statSync(file).mtimeMs >= sourcesAt && (!demo || isDemoBuild(extDir))) return { file, extDir, built: false };
  }
  const outDir = '.output-bench-content';
  execFileSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    env: { ...process.env, PYKALA_DEMO: '1', PYKALA_OUT_DIR: outDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const extDir = resolve(ROOT, outDir, 'chrome-mv3');
  const file = contentScriptOf(extDir);
  if (!file) throw new Error('the build wrote no content-scripts/dynasty.js');
  return { file, extDir, built: true };
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
  ];
  const visible = await panelVisibleMs(extDir).catch((error: unknown) => {
    process.stderr.write(`panel timing skipped: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  });
  if (visible !== null) rows.push({ name: 'content.panel_visible_ms', value: visible, goal: 'reported (DOMContentLoaded -> panel)' });
  return rows;
}
