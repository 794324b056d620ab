/**
 * In-page reading in a real browser (Debian Chromium, demo build, demo portal), both generations:
 * the reconstructed dynamic Kouvola § 210 item and the real static Espoo pages.
 *
 * Build first: PYKALA_DEMO=1 PYKALA_OUT_DIR=.output-reading npx wxt build
 * Run:         PYKALA_EXT_DIR=.output-reading/chrome-mv3 npx vitest run -c vitest.e2e.config.ts tests/e2e/reading.e2e.ts
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, poll, ROOT, type ExtensionHarness } from './harness';
import { panelFieldTexts, pageTextOutsidePanel } from './panel-probes';
import { measurePanelVisible } from './reading-timing';

let h: ExtensionHarness;
const KOUVOLA = '/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11';
const KOUVOLA_MEETING = '/cgi/DREQUEST.PHP?page=meeting&id=2021587';
const ESPOO_ITEM = '/kokous/2013262303-5.HTM';
const ESPOO_AGENDA_ITEM = '/kokous/2017409886-4.HTM';
const HOSTILE = '/cgi/DREQUEST.PHP?page=meetingitem&id=2021999-1';

beforeAll(async () => {
  h = await launchWithExtension();
  // The saved Espoo pages link absolutely to their original host: answer those here, offline.
  await h.context.route(/^https?:\/\/espoo04\.hosting\.documenta\.fi\//, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>espoo</title><p>stand-in</p>' }),
  );
});
afterAll(async () => {
  await h?.close();
});

/** The reading UI's text in the browser's language, as the panel shows it. */
const message = (key: string) =>
  (JSON.parse(readFileSync(resolve(ROOT, `locales/${h.uiLanguage.slice(0, 2)}/reading.json`), 'utf8')) as Record<string, { message: string }>)[key]!.message;

/** Opens a demo-portal page and waits for the panel; `width` sets a narrow window first (WCAG reflow: 320). */
async function open(path: string, width?: number): Promise<Page> {
  const page = await h.context.newPage();
  if (width) await page.setViewportSize({ width, height: 800 });
  await page.goto(`${h.portal.url}${path}`);
  await page.waitForSelector('#pykala-panel [data-pykala="panel"]', { timeout: 15_000 });
  return page;
}

/** Text of each data-field in the panel, label included. */
const fields = (page: Page): Promise<Record<string, string>> => page.evaluate(panelFieldTexts, false);

/** The page's own text, outside our panel, whitespace collapsed. */
const pageText = (page: Page): Promise<string> => page.evaluate(pageTextOutsidePanel);

async function dd(page: Page, field: string): Promise<string | null> {
  return page.evaluate((f) => {
    const el = document.getElementById('pykala-panel')!.shadowRoot!.querySelector(`[data-field="${f}"] dd`);
    return el ? el.textContent!.replace(/\s+/g, ' ').trim() : null;
  }, field);
}

describe('item summary panel', () => {
  it('dynamic Kouvola § 210: fields match the page', async () => {
    const page = await open(KOUVOLA);
    const f = await fields(page);
    const text = await pageText(page);
    expect(f.title).toBe('Loppuraportti Kouvolan strategiatoteutumasta valtuustokaudella 2017-2021');
    expect(await dd(page, 'organ')).toBe('Kaupunginhallitus');
    expect(await dd(page, 'meetingDate')).toBe('07.06.2021');
    expect(await dd(page, 'section')).toBe('§ 210');
    expect(await dd(page, 'diaryNumber')).toBe('5767/00.01.02.00/2021');
    expect(f.decision).toContain('Kaupunginhallitus hyväksyi päätösehdotuksen.');
    expect(f.outcome).toBeTruthy();
    for (const value of [f.title, await dd(page, 'organ'), await dd(page, 'diaryNumber')]) expect(text).toContain(value);
    // Contact links: phone and e-mail as tel: / mailto:
    const hrefs = await page.evaluate(() =>
      [...document.getElementById('pykala-panel')!.shadowRoot!.querySelectorAll('[data-field="people"] a')].map((a) => a.getAttribute('href')),
    );
    expect(hrefs).toContain('mailto:katariina.valtonen@kouvola.fi');
    expect(hrefs.some((href) => href?.startsWith('tel:'))).toBe(true);
    // The page's own content is still there, below the panel.
    expect(await page.isVisible('text=Kouvolan kaupunkistrategiassa 2030')).toBe(true);
    await page.close();
  });

  it('static Espoo minutes item: fields match the page', async () => {
    const page = await open(ESPOO_ITEM);
    const f = await fields(page);
    const text = await pageText(page);
    expect(f.title).toContain('Korkeimman hallinto-oikeuden päätös Algol Chemicals Oy');
    expect(await dd(page, 'meetingDate')).toBe('17.01.2013');
    expect(await dd(page, 'section')).toBe('§ 5');
    expect(f.decision).toContain('Esittelijän ehdotus hyväksyttiin yksimielisesti');
    expect(text.replace(/\s+/g, ' ')).toContain(f.title!);
    await page.close();
  });

  it('static Espoo agenda item: no decision yet, and never a wrong one', async () => {
    const page = await open(ESPOO_AGENDA_ITEM);
    const f = await fields(page);
    expect(f.decision).toBeUndefined();
    expect(f.outcome).toBeUndefined();
    expect(f.title).toBeTruthy();
    await page.close();
  });

  it('collapses, and stays collapsed on the next page', async () => {
    const page = await open(KOUVOLA);
    await page.click('#pykala-panel [aria-controls="pk-body"]');
    expect(await page.isHidden('#pykala-panel #pk-body')).toBe(true);
    await page.reload();
    await page.waitForSelector('#pykala-panel [data-pykala="panel"]');
    expect(await page.getAttribute('#pykala-panel [aria-controls="pk-body"]', 'aria-expanded')).toBe('false');
    await page.click('#pykala-panel [aria-controls="pk-body"]');
    await page.close();
  });
});

describe('meeting and organ pages', () => {
  it('tag what they show with the contract\'s field names: items, pdfUrl, meetings', async () => {
    const page = await open(KOUVOLA_MEETING);
    const pageItemLinks = await page.evaluate(() => [...document.querySelectorAll('a[href*="page=meetingitem"]')].map((a) => (a as HTMLAnchorElement).href));
    const shown = await page.locator('#pykala-panel [data-field="items"] > li a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(shown.length).toBeGreaterThanOrEqual(3);
    expect(shown.filter((href) => !pageItemLinks.includes(href))).toEqual([]);
    const pdf = await page.locator('#pykala-panel [data-field="pdfUrl"] a').getAttribute('href');
    expect(pdf).toMatch(/\.pdf$/i);
    expect(await page.evaluate((href) => [...document.querySelectorAll('a')].some((a) => a.href === href), pdf)).toBe(true);
    await page.close();

    const organ = await open('/cgi/DREQUEST.PHP?page=meetings&id=02100');
    expect(await organ.locator('#pykala-panel [data-field="meetings"] > li').count()).toBeGreaterThanOrEqual(1);
    await organ.close();
  });
});

describe('keyboard', () => {
  it('j / k follow Seuraava asia / Edellinen asia (dynamic)', async () => {
    const page = await open(KOUVOLA);
    await page.keyboard.press('j');
    await page.waitForURL(/id=2021587-12$/);
    await page.goto(`${h.portal.url}${KOUVOLA}`);
    await page.waitForSelector('#pykala-panel [data-pykala="panel"]');
    await page.keyboard.press('k');
    await page.waitForURL(/id=2021587-10$/);
    await page.close();
  });

  it('j / k follow the page links (static)', async () => {
    const page = await open(ESPOO_ITEM);
    await page.keyboard.press('j');
    await page.waitForURL(/2013262303-6\.HTM$/);
    await page.close();
  });

  it('on a meeting page j / k move a visible selection and Enter opens it', async () => {
    const page = await open(KOUVOLA_MEETING);
    const rows = await page.locator('#pykala-panel #pk-items > li').count();
    expect(rows).toBeGreaterThanOrEqual(3);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    const selected = await page.getAttribute('#pykala-panel li.sel a', 'href');
    expect(selected).toMatch(/id=2021587-2$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/id=2021587-2$/);
    await page.close();
  });

  it('typing in an input does not trigger keys, nor do Ctrl/Alt combinations', async () => {
    const page = await open(KOUVOLA);
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'typing';
      document.body.prepend(input);
      const editable = document.createElement('div');
      editable.id = 'editable';
      editable.contentEditable = 'true';
      document.body.prepend(editable);
    });
    await page.focus('#typing');
    await page.keyboard.type('jk?b');
    expect(await page.inputValue('#typing')).toBe('jk?b');
    await page.focus('#editable');
    await page.keyboard.type('jj');
    await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+j');
    await page.keyboard.press('Alt+k');
    await page.waitForTimeout(300);
    expect(page.url()).toContain('id=2021587-11');
    expect(await page.locator('#pykala-panel [role="dialog"]').count()).toBe(0);
    await page.close();
  });

  it("typing into a field inside a page widget's closed shadow root does not trigger keys", async () => {
    const page = await open(KOUVOLA);
    await page.evaluate(() => {
      const host = document.createElement('chat-widget');
      document.body.prepend(host);
      const input = document.createElement('input');
      input.id = 'closed-field';
      host.attachShadow({ mode: 'closed' }).append(input);
      input.focus();
    });
    // j would go to the next item, ? would open the help dialog.
    await page.keyboard.type('j?');
    await page.waitForTimeout(300);
    expect(page.url()).toContain('id=2021587-11');
    expect(await page.locator('#pykala-panel [role="dialog"]').count()).toBe(0);
    await page.close();
  });

  it('/ opens the library page with the search focused (new tab)', async () => {
    const page = await open(KOUVOLA);
    const [library] = await Promise.all([h.context.waitForEvent('page', { timeout: 10_000 }), page.keyboard.press('/')]);
    await library.waitForLoadState();
    expect(library.url()).toBe(`chrome-extension://${h.extensionId}/library.html#search`);
    await library.close();
    await page.close();
  });

  it('on an organ meetings page the list is there and j / Enter open a meeting', async () => {
    const page = await open('/cgi/DREQUEST.PHP?page=meetings&id=02100');
    expect(await page.locator('#pykala-panel #pk-items > li').count()).toBeGreaterThanOrEqual(1);
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(/page=meeting&id=\d+/);
    await page.close();
  });

  it('u on a meeting page goes up to the organ\'s meetings page it links to (dynamic and static)', async () => {
    const page = await open(KOUVOLA_MEETING);
    await page.keyboard.press('u');
    await page.waitForURL(/page=meetings&id=02100$/);
    await page.waitForSelector(`#pykala-panel aside[aria-label="${message('reading_landmark_organMeetings')}"]`);
    await page.close();
    // Static: the saved Espoo meeting links its organ as TELIN-<id>.HTM on its original host.
    const staticPage = await open('/kokous/2017406946.HTM');
    await staticPage.keyboard.press('u');
    await staticPage.waitForURL('http://espoo04.hosting.documenta.fi/kokous/TELIN-217668.HTM');
    await staticPage.close();
  });

  it('u on a meeting page without that link says so in the live region, in the browser\'s language', async () => {
    const url = `${h.portal.url}${KOUVOLA_MEETING}`;
    // The same meeting page with its link to the organ's meetings taken out.
    const html = await (await fetch(url)).text();
    const stripped = html.replace(/<a href='DREQUEST\.PHP\?page=meetings&amp;id=02100'>([^<]*)<\/a>/, '$1');
    expect(stripped).not.toBe(html);
    const page = await h.context.newPage();
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: stripped }));
    await page.goto(url);
    await page.waitForSelector('#pykala-panel [data-pykala="panel"]');
    await page.keyboard.press('u');
    await poll(() => page.textContent('#pykala-panel [role="status"]'), (text) => text?.trim() === message('reading_noWayUp'));
    expect(page.url()).toBe(url);
    await page.close();
  });

  it('one key pauses the others', async () => {
    const page = await open(KOUVOLA);
    await page.keyboard.press('i');
    // The panel's foot says so.
    const paused = message('reading_keysPausedShort');
    await poll(() => page.textContent('#pykala-panel .foot'), (text) => !!text?.includes(paused));
    await page.keyboard.press('j');
    await page.waitForTimeout(300);
    expect(page.url()).toContain('id=2021587-11');
    await page.keyboard.press('i');
    await poll(() => page.textContent('#pykala-panel .foot'), (text) => !!text && !text.includes(paused));
    await page.close();
  });

  it('? opens the help dialog; focus stays inside; Esc closes it', async () => {
    const page = await open(KOUVOLA);
    await page.keyboard.press('?');
    const dialog = page.locator('#pykala-panel [role="dialog"]');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await page.locator('#pykala-panel [role="dialog"] .keys > div').count()).toBe(13);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    const inside = await page.evaluate(() => {
      const root = document.getElementById('pykala-panel')!.shadowRoot!;
      return !!root.activeElement && !!root.activeElement.closest('[role="dialog"]');
    });
    expect(inside).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.close();
  });

  it('p / d reveal the proposal and the decision', async () => {
    const page = await open(KOUVOLA);
    await page.keyboard.press('p');
    await poll(() => page.evaluate(() => (document.getElementById('pykala-panel')!.shadowRoot!.querySelector('[data-field="proposal"]') as HTMLDetailsElement | null)?.open ?? false));
    await page.keyboard.press('d');
    await poll(() =>
      page.evaluate(() => !!document.getElementById('pykala-panel')!.shadowRoot!.activeElement?.closest('[data-field="decision"]')),
    );
    await page.close();
  });
});

describe('meeting overview markers', () => {
  it('an item read shows as read in its meeting overview (state from the background)', async () => {
    const item = await open(KOUVOLA);
    await item.close();
    const page = await open(KOUVOLA_MEETING);
    const row = page.locator('#pykala-panel #pk-items > li', { has: page.locator('a[href$="id=2021587-11"]') });
    await poll(() => row.locator('.m-read').count(), (n) => n === 1);
    expect(await row.locator('.m-read').textContent()).toBe(message('reading_marker_read'));
    await page.close();
  });
});

describe('safety', () => {
  it('hostile page text is shown as text and never clickable', async () => {
    const page = await open(HOSTILE);
    const result = await page.evaluate(() => {
      const root = document.getElementById('pykala-panel')!.shadowRoot!;
      return {
        title: root.querySelector('[data-field="title"]')?.textContent ?? null,
        elements: root.querySelectorAll('img, script, iframe, object, embed').length,
        hrefs: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
        text: root.textContent ?? '',
      };
    });
    expect(result.elements).toBe(0);
    expect(result.text).toContain('<img');
    for (const href of result.hrefs) expect(href).toMatch(/^(https?:|mailto:|tel:)/);
    await page.keyboard.press('o');
    await page.keyboard.press('k');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.dataset.pwned ?? null)).toBeNull();
    // The page's own Seuraava asia is javascript:, so j derives the next item from the item id instead.
    await page.keyboard.press('j');
    await page.waitForURL(/id=2021999-2$/);
    await page.close();
  });

  it('a non-Dynasty page is left untouched', async () => {
    const page = await h.context.newPage();
    await page.goto(`${h.portal.url}/other.html`);
    await page.waitForTimeout(500);
    expect(await page.locator('#pykala-panel').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-pykala'))).toBeNull();
    await page.keyboard.press('?');
    expect(await page.locator('[role="dialog"]').count()).toBe(0);
    await page.close();
  });
});

describe('accessibility', () => {
  const axeSource = readFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

  async function seriousViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: axeSource });
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run({ include: [['#pykala-panel']] }, { resultTypes: ['violations'] });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    });
  }

  for (const [name, path] of [
    ['dynamic item', KOUVOLA],
    ['static item', ESPOO_ITEM],
    ['meeting overview', KOUVOLA_MEETING],
    ['hostile item', HOSTILE],
  ] as const) {
    it(`axe finds no serious or critical violation in the panel: ${name}`, async () => {
      const page = await open(path);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it('axe finds no serious or critical violation with the help dialog and bookmark form open', async () => {
    const page = await open(KOUVOLA);
    await page.keyboard.press('b');
    await page.waitForSelector('#pykala-panel textarea');
    await page.evaluate(() => (document.getElementById('pykala-panel')!.shadowRoot!.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('?');
    await page.waitForSelector('#pykala-panel [role="dialog"]');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('the panel landmark, heading and live region are there', async () => {
    const page = await open(KOUVOLA);
    const a = await page.evaluate(() => {
      const root = document.getElementById('pykala-panel')!.shadowRoot!;
      const aside = root.querySelector('aside');
      return { label: aside?.getAttribute('aria-label'), h2: !!root.querySelector('aside h2'), live: root.querySelector('[aria-live]')?.getAttribute('aria-live') };
    });
    expect(a.label).toBeTruthy();
    expect(a.h2).toBe(true);
    expect(a.live).toBe('polite');
    await page.close();
  });

  it('the panel and its buttons are drawn with a visible frame', async () => {
    const page = await open(KOUVOLA);
    const borders = await page.evaluate(() => {
      const root = document.getElementById('pykala-panel')!.shadowRoot!;
      return ['aside', '[aria-controls="pk-body"]', 'kbd'].map((selector) => {
        const style = getComputedStyle(root.querySelector(selector)!);
        return { selector, style: style.borderTopStyle, width: parseFloat(style.borderTopWidth), left: parseFloat(style.borderLeftWidth) };
      });
    });
    for (const b of borders) {
      expect(b.style, b.selector).toBe('solid');
      expect(b.width, b.selector).toBeGreaterThan(0);
    }
    // The accent stripe on the panel's left edge is thicker than its frame.
    expect(borders[0]!.left).toBeGreaterThan(borders[0]!.width);
    await page.close();
  });

  it('in a 320 px wide window (WCAG reflow) the bookmark form\'s buttons go onto new lines, not their labels', async () => {
    const page = await open(KOUVOLA, 320);
    await page.keyboard.press('b');
    await page.waitForSelector('#pykala-panel form button');
    const lines = await page.evaluate(() => {
      const root = document.getElementById('pykala-panel')!.shadowRoot!;
      const range = document.createRange();
      return [...root.querySelectorAll('form button')].map((button) => {
        range.selectNodeContents(button);
        // One client rect per line the label takes.
        return `${button.textContent}: ${range.getClientRects().length}`;
      });
    });
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/: 1$/);
    await page.close();
  });

  it('in a 320 px wide window the item title keeps a readable width: the buttons beside it go below', async () => {
    const page = await open(KOUVOLA, 320);
    const widths = await page.evaluate(() => {
      const root = document.getElementById('pykala-panel')!.shadowRoot!;
      const head = root.querySelector('.head')!.getBoundingClientRect().width;
      const title = root.querySelector('[data-field="title"]')!.getBoundingClientRect().width;
      return { head, title };
    });
    // Before: the buttons never shrank and the title was squeezed to about 32 px, a letter or two a line.
    expect(widths.title).toBeGreaterThan(widths.head * 0.9);
    await page.close();
  });
});

describe('hand-over between copies of the content script', () => {
  // The same script injected again into a tab that runs it (what WXT's started event is for): the new
  // copy's started event carries no messageId, so it must still stop the old copy, and must not stop itself.
  it('a second copy stops the first and keeps working itself', async () => {
    const page = await open(KOUVOLA);
    // Marks the first copy's host (the content script never reads this attribute).
    await page.evaluate(() => document.getElementById('pykala-panel')!.setAttribute('data-first-copy', ''));
    const url = page.url();
    await h.serviceWorker.evaluate(async (u) => {
      type Chrome = {
        tabs: { query(q: object): Promise<{ id: number; url?: string }[]> };
        scripting: { executeScript(o: { target: { tabId: number }; files: string[] }): Promise<unknown> };
      };
      const c = (globalThis as unknown as { chrome: Chrome }).chrome;
      const tab = (await c.tabs.query({})).find((t) => t.url === u)!;
      await c.scripting.executeScript({ target: { tabId: tab.id }, files: ['content-scripts/dynasty.js'] });
    }, url);
    // The new copy shows its own panel: one host, not the first copy's. A copy that stopped itself
    // would leave none (its invalidation removes its host).
    await poll(
      () => page.evaluate(() => [document.querySelectorAll('#pykala-panel').length, document.getElementById('pykala-panel')?.hasAttribute('data-first-copy') ?? null]),
      ([n, first]) => n === 1 && first === false,
    );
    // A first copy still listening would take ? before the new one (its listener came first) and
    // prevent its default, so the new panel would show no help.
    await page.keyboard.press('?');
    await page.locator('#pykala-panel [role="dialog"]').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.locator('#pykala-panel [role="dialog"]').waitFor({ state: 'detached' });
    await page.keyboard.press('j');
    await page.waitForURL(/id=2021587-12$/);
    await page.close();
  });
});

describe('performance (reported, not gated)', () => {
  it('DOMContentLoaded -> panel visible on the largest real page', async () => {
    const page = await h.context.newPage();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(await measurePanelVisible(page, `${h.portal.url}${ESPOO_ITEM}`));
    times.sort((x, y) => x - y);
    console.log(`content.panel_visible_ms (median of 5, ${ESPOO_ITEM}): ${times[2]!.toFixed(1)}`);
    expect(times.length).toBe(5);
    await page.close();
  });
});

describe('bookmarks', () => {
  it('a bookmark made in the page shows up in the popup', async () => {
    const page = await open(KOUVOLA);
    await page.keyboard.press('b');
    const note = page.locator('#pykala-panel textarea');
    await note.waitFor();
    await note.fill('Kysy strategiaraportin mittareista');
    await page.keyboard.press('j'); // typing guard: j goes into the note, not to the next item
    expect(page.url()).toContain('id=2021587-11');
    await page.click('#pykala-panel form button[type="submit"]');
    await poll(() => page.getAttribute('#pykala-panel [data-pykala="bookmark-state"]', 'data-bookmarked'), (v) => v === 'true');
    const popup = await h.openExtensionPage('popup');
    await poll(() => popup.evaluate(() => document.body.innerText), (text) => text.includes('Loppuraportti Kouvolan strategiatoteutumasta'));
    await popup.close();
    await page.reload();
    await page.waitForSelector('#pykala-panel [data-pykala="panel"]');
    await poll(() => page.getAttribute('#pykala-panel [data-pykala="bookmark-state"]', 'data-bookmarked'), (v) => v === 'true');
    await page.close();
  });

  it('closing the bookmark form gives focus back to the bookmark button, so the keyboard user keeps their place', async () => {
    const page = await open(KOUVOLA);
    const focused = () => page.evaluate(() => {
      const active = document.getElementById('pykala-panel')!.shadowRoot!.activeElement;
      return active ? `${active.tagName} ${active.textContent}` : 'nothing in the panel';
    });
    const bookmarkButton = () => page.locator('#pykala-panel [data-pykala="bookmark-state"] > p > button').textContent();
    for (const close of ['Escape', 'Save'] as const) {
      await page.keyboard.press('b');
      await page.locator('#pykala-panel textarea').waitFor();
      expect(await focused()).toMatch(/^TEXTAREA/);
      if (close === 'Save') await page.click('#pykala-panel form button[type="submit"]');
      else await page.keyboard.press('Escape');
      await page.locator('#pykala-panel textarea').waitFor({ state: 'detached' });
      await poll(focused, (f) => f.startsWith('BUTTON'));
      expect(await focused()).toBe(`BUTTON ${await bookmarkButton()}`);
    }
    await page.close();
  });
});
