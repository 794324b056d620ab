/**
 * `npm run demo`: builds the demo extension (PYKALA_DEMO=1: loopback hosts added) into
 * `.output/chrome-mv3`, starts the demo portal on port 8787 (or a free port when 8787 is taken) and,
 * where a display exists, opens Chromium with the extension loaded on the Kouvola § 210 item page.
 * Without a display it says so, keeps the portal running and prints how to load the extension by hand.
 *
 * Options: --no-build (use the existing build), --port N, --no-browser, --lang fi|sv|en (the browser's
 *          UI language, which picks the extension's; default fi, needs Debian's chromium-l10n),
 *          --screenshot FILE (save a screenshot of the item page once the panel had time to appear).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext } from 'playwright-core';
import { startDemoPortal, type DemoPortal } from '../demo-portal/server';
import { chromiumArgs, chromiumPath as chromiumPathFromEnv } from './chromium';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    'no-browser': { type: 'boolean', default: false },
    port: { type: 'string', default: '8787' },
    screenshot: { type: 'string' },
    lang: { type: 'string', default: 'fi' },
  },
});

const outDir = resolve(ROOT, process.env.PYKALA_OUT_DIR ?? '.output');
const extDir = join(outDir, 'chrome-mv3');
const chromiumPath = chromiumPathFromEnv();
const ITEM = '/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11';

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

if (!values['no-build']) {
  say('Building the demo extension (PYKALA_DEMO=1)...');
  const result = spawnSync(resolve(ROOT, 'node_modules/.bin/wxt'), ['build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, PYKALA_DEMO: '1' },
  });
  if (result.status !== 0) {
    say('The build failed (see above).');
    process.exit(result.status ?? 1);
  }
}
if (!existsSync(join(extDir, 'manifest.json'))) {
  say(`No built extension at ${extDir}: run without --no-build.`);
  process.exit(1);
}

async function startPortal(): Promise<DemoPortal> {
  const wanted = Number(values.port);
  try {
    return await startDemoPortal({ port: wanted });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    say(`Port ${wanted} is taken; using a free port instead.`);
    return await startDemoPortal({ port: 0 });
  }
}

const portal = await startPortal();
const itemUrl = `${portal.url}${ITEM}`;
say();
say(`Demo portal running at ${portal.url}/`);
say(`  Kouvola, Kaupunginhallitus 07.06.2021 § 210 (dynamic page): ${itemUrl}`);
say(`  Kaupunginhallitus 07.06.2021, the meeting:                  ${portal.url}/cgi/DREQUEST.PHP?page=meeting&id=2021587`);
say(`  Espoo, a static /kokous/ item page:                          ${portal.url}/kokous/2017409886-4.HTM`);
say(`  Organs (meeting_frames):                                     ${portal.url}/cgi/DREQUEST.PHP?page=meeting_frames`);
say(`  Feed of meeting items:                                       ${portal.url}/cgi/DREQUEST.PHP?page=rss/meetingitems&show=30`);
say(`  Publish a new item (then watch the badge):                   ${portal.url}/__demo/publish?organ=Kaupunginhallitus&title=Ratapihan%20asemakaava`);

let context: BrowserContext | undefined;
let profileDir: string | undefined;
let stopping = false;
async function stop(code = 0): Promise<never> {
  if (!stopping) {
    stopping = true;
    await context?.close().catch(() => undefined);
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    await portal.close();
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

function printManualSteps(): void {
  const shown = relative(process.cwd(), extDir) || extDir;
  say();
  say('To load the extension by hand in Chrome or Chromium:');
  say('  1. open chrome://extensions');
  say('  2. switch on "Developer mode" (top right)');
  say(`  3. click "Load unpacked" and choose the folder ${shown}`);
  say(`  4. open ${itemUrl}`);
  say('     (the demo build runs on http://127.0.0.1 and http://localhost at any port)');
}

const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
if (values['no-browser']) {
  printManualSteps();
} else if (!display) {
  say();
  say('No display found ($DISPLAY is not set), so no browser window is opened.');
  say('The demo portal keeps running. With a display, `npm run demo` opens Chromium with the extension;');
  say('on a server, `xvfb-run -a npm run demo` gives Chromium a virtual display.');
  printManualSteps();
} else if (!existsSync(chromiumPath)) {
  say();
  say(`No Chromium at ${chromiumPath} (set CHROMIUM_PATH, or apt-get install chromium).`);
  printManualSteps();
} else {
  profileDir = mkdtempSync(join(tmpdir(), 'pykala-demo-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: false,
    viewport: null,
    // Chromium on Linux takes its UI language, and so the extension's, from LANGUAGE.
    env: { ...process.env, LANGUAGE: values.lang },
    args: [`--lang=${values.lang}`, ...chromiumArgs(extDir, true), '--window-size=1280,900'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }).catch(() => undefined));
  say();
  say(worker ? `Chromium is open with Pykälä loaded (extension id ${new URL(worker.url()).host}).` : 'Chromium is open, but the extension did not start: check chrome://extensions.');
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(itemUrl);
  await page.bringToFront();
  if (values.screenshot) {
    await page.waitForTimeout(2_000);
    await page.screenshot({ path: resolve(values.screenshot) });
    say(`Screenshot saved to ${values.screenshot}`);
  }
  say('Close the browser window or press Ctrl-C to stop the demo.');
  context.on('close', () => {
    context = undefined;
    say('Browser closed; stopping the demo portal.');
    void stop(0);
  });
}
if (!context) say('\nPress Ctrl-C to stop the demo portal.');
