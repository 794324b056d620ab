import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALARM_NAME, createFeedService, type FeedService } from '@/lib/feeds/service';
import { saveSettings, defaultSettings, type FeedSettings } from '@/lib/feeds/settings';
import { CONTENT_SCRIPT_FILE, registrationId } from '@/lib/portals/custom';
import { countingDb, FakePortals, items, stubBrowser, type StubbedBrowser } from './helpers';
import type { PykalaDatabase } from '@/lib/db';

const KOUVOLA = 'https://ep10.kouvola.fi';
const IITTI = 'https://dynasty10.iitti.fi';

let portals: FakePortals;
let browser: StubbedBrowser;
let db: PykalaDatabase;
let writes: () => number;
let clock: number;
let service: FeedService;

function makeService(): FeedService {
  return createFeedService({ browser, db, fetch: portals.fetch, now: () => clock, random: () => 0.5 });
}

async function configure(patch: Partial<FeedSettings> = {}): Promise<void> {
  await saveSettings(browser.storage.local, {
    ...defaultSettings(),
    portals: [
      { base: KOUVOLA, name: 'Kouvola', custom: false, feeds: { meetingitems: true, meetings: true, official_decisions: false } },
      { base: IITTI, name: 'Iitti', custom: false, feeds: { meetingitems: true, meetings: false, official_decisions: false } },
    ],
    ...patch,
  });
}

const badge = () => fakeBrowser.action.getBadgeText({});
const notifications = async () => Object.values(await fakeBrowser.notifications.getAll()) as { title: string; message: string }[];

beforeEach(async () => {
  portals = new FakePortals();
  browser = stubBrowser();
  ({ db, writes } = countingDb());
  clock = Date.UTC(2026, 10, 27, 10, 0);
  portals.set(KOUVOLA, 'meetingitems', items('2026100', 5));
  portals.set(KOUVOLA, 'meetings', [{ id: '2026100', organ: 'Kaupunginhallitus', date: '30.11.2026', title: 'Esityslista', page: 'meeting' }]);
  portals.set(IITTI, 'meetingitems', items('2026200', 3, 'Kunnanhallitus'));
  await configure();
  service = makeService();
});

describe('the first poll', () => {
  it('seeds every feed silently: entries stored, nothing new, no badge, no notification', async () => {
    await configure({ notifications: true });
    browser.granted.add('notifications');
    const report = await service.poll();
    expect(report.results.map((r) => r.outcome.kind)).toEqual(['seeded', 'seeded', 'seeded']);
    expect(await db.feedEntries.count()).toBe(9);
    expect(await badge()).toBe('');
    expect(await notifications()).toEqual([]);
  });
});

describe('a new item', () => {
  it('shows a badge of 1, a notification naming organ and title, and is listed as new', async () => {
    await configure({ notifications: true });
    browser.granted.add('notifications');
    await service.poll();
    portals.publish(KOUVOLA, { id: '2026101-1', organ: 'Tekninen lautakunta', date: '01.12.2026', title: 'Ratapihan asemakaava' });
    clock += 15 * 60_000;
    await service.poll();
    expect(await badge()).toBe('1');
    expect(await notifications()).toEqual([expect.objectContaining({ title: 'Tekninen lautakunta', message: 'Ratapihan asemakaava' })]);
    const groups = await service.newGroups();
    expect(groups).toEqual([
      {
        portal: KOUVOLA,
        portalName: 'Kouvola',
        organs: [{ organ: 'Tekninen lautakunta', entries: [expect.objectContaining({ entryId: '2026101-1', date: '2026-12-01', url: `${KOUVOLA}/cgi/DREQUEST.PHP?page=meetingitem&id=2026101-1` })] }],
      },
    ]);
  });

  it('keeps the count after the service worker restarts (derived from the database)', async () => {
    await service.poll();
    portals.publish(KOUVOLA, { id: '2026101-1', organ: 'Kaupunginhallitus', date: '01.12.2026', title: 'Uusi' });
    await service.poll();
    await fakeBrowser.action.setBadgeText({ text: '' });
    const restarted = makeService();
    await restarted.startup();
    expect(await badge()).toBe('1');
  });

  it('is cleared by opening the item, and "mark all seen" clears the rest', async () => {
    await service.poll();
    portals.publish(KOUVOLA, { id: '2026101-1', organ: 'Kaupunginhallitus', date: '01.12.2026', title: 'Eka' });
    portals.publish(KOUVOLA, { id: '2026101-2', organ: 'Kaupunginhallitus', date: '01.12.2026', title: 'Toka' });
    await service.poll();
    expect(await badge()).toBe('2');
    await service.pageSeen({ kind: 'meetingItem', portal: KOUVOLA, itemId: '2026101-1' } as never);
    expect(await badge()).toBe('1');
    expect(await service.markSeen({})).toEqual({ changed: 1, unseen: 0 });
    expect(await badge()).toBe('');
  });

  it('groups several new entries of one poll into one notification; a click on it opens the New list', async () => {
    await configure({ notifications: true });
    browser.granted.add('notifications');
    await service.poll();
    for (let i = 1; i <= 6; i++) portals.publish(KOUVOLA, { id: `2026101-${i}`, organ: 'Kaupunginhallitus', date: '01.12.2026', title: `Asia ${i}` });
    await service.poll();
    const shown = await notifications();
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('feeds_notifyMany(6)');
    expect(shown[0]!.message.split('\n')).toHaveLength(5);
    const [id] = Object.keys(await fakeBrowser.notifications.getAll());
    await service.notificationClicked(id!);
    expect(browser.opened).toEqual(['chrome-extension://test-extension-id/options.html#new']);
  });

  it('a click on a single-entry notification opens the item', async () => {
    await configure({ notifications: true });
    browser.granted.add('notifications');
    await service.poll();
    portals.publish(IITTI, { id: '2026201-1', organ: 'Kunnanhallitus', date: '01.12.2026', title: 'Yksi' });
    await service.poll();
    const [id] = Object.keys(await fakeBrowser.notifications.getAll());
    await service.notificationClicked(id!);
    expect(browser.opened).toEqual([`${IITTI}/cgi/DREQUEST.PHP?page=meetingitem&id=2026201-1`]);
  });

  it('stays silent in quiet hours and without the notifications permission, but still counts', async () => {
    const start = new Date(clock);
    const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    await configure({ notifications: true, quietHours: { enabled: true, start: hhmm(new Date(start.getTime() - 3_600_000)), end: hhmm(new Date(start.getTime() + 3_600_000)) } });
    browser.granted.add('notifications');
    await service.poll();
    portals.publish(KOUVOLA, { id: '2026101-1', organ: 'Kaupunginhallitus', date: '01.12.2026', title: 'Yöllä' });
    await service.poll();
    expect(await notifications()).toEqual([]);
    expect(await badge()).toBe('1');
    await configure({ notifications: true });
    browser.granted.delete('notifications');
    portals.publish(KOUVOLA, { id: '2026101-2', organ: 'Kaupunginhallitus', date: '01.12.2026', title: 'Ilman lupaa' });
    await service.poll();
    expect(await notifications()).toEqual([]);
    expect(await badge()).toBe('2');
  });
});

describe('a poll with no changes', () => {
  it('makes one request per feed and zero database writes (content hash, no ETag)', async () => {
    await service.poll();
    const before = writes();
    const requestsBefore = portals.requests.length;
    await service.poll();
    expect(portals.requests.length - requestsBefore).toBe(3);
    expect(writes() - before).toBe(0);
  });

  it('sends If-None-Match and writes nothing on 304', async () => {
    portals.etags = true;
    await service.poll();
    const before = writes();
    await service.poll();
    expect(portals.requests.slice(-3).every((r) => r.headers['If-None-Match'])).toBe(true);
    expect(writes() - before).toBe(0);
  });
});

describe('follow rules', () => {
  it('count only matching entries: organ, keyword (inflected, compound), diary number, whole portal', async () => {
    await configure({
      rules: [
        { id: 'a', kind: 'organ', value: 'tekninen lautakunta', portal: KOUVOLA },
        { id: 'b', kind: 'keyword', value: 'ratapiha', portal: null },
        { id: 'c', kind: 'diary', value: '5767/2021', portal: null },
        { id: 'd', kind: 'portal', value: IITTI, portal: IITTI },
      ],
    });
    await service.poll();
    portals.publish(KOUVOLA, { id: '2026101-1', organ: 'Tekninen lautakunta', date: '01.12.2026', title: 'Katujen kunnossapito' });
    portals.publish(KOUVOLA, { id: '2026101-2', organ: 'Kaupunginhallitus', date: '01.12.2026', title: 'Ratapihan asemakaava' });
    portals.publish(KOUVOLA, { id: '2026101-3', organ: 'Kaupunginhallitus', date: '01.12.2026', title: 'Ratapihahankkeen rahoitus' });
    portals.publish(KOUVOLA, { id: '2026101-4', organ: 'Kaupunginhallitus', date: '01.12.2026', title: 'Hallintosääntö 5767/00.01.02.00/2021' });
    portals.publish(KOUVOLA, { id: '2026101-5', organ: 'Kaupunginhallitus', date: '01.12.2026', title: 'Muu asia' });
    portals.publish(IITTI, { id: '2026201-1', organ: 'Kunnanhallitus', date: '01.12.2026', title: 'Mikä tahansa' });
    await service.poll();
    const ids = (await service.newGroups()).flatMap((g) => g.organs.flatMap((o) => o.entries.map((e) => e.entryId))).sort();
    expect(ids).toEqual(['2026101-1', '2026101-2', '2026101-3', '2026101-4', '2026201-1']);
    expect(await badge()).toBe('5');
  });
});

describe('bad answers', () => {
  const faults = [
    [{ status: 404 }, 'http:404'],
    [{ status: 500 }, 'http:500'],
    ['timeout', 'timeout'],
    ['network', 'network'],
    ['html', 'not-feed'],
    ['empty', 'empty'],
    ['huge', 'too-large'],
  ] as const;

  for (const [fault, code] of faults) {
    it(`${typeof fault === 'object' ? fault.status : fault}: plain status "${code}", earlier entries kept, other feeds unaffected, no alerts`, async () => {
      await configure({ notifications: true });
      browser.granted.add('notifications');
      service = createFeedService({ browser, db, fetch: portals.fetch, now: () => clock, random: () => 0.5, limits: { timeoutMs: 200, maxBytes: 5 * 1024 * 1024 } });
      await service.poll();
      portals.fault(KOUVOLA, 'meetingitems', fault);
      portals.publish(IITTI, { id: '2026201-1', organ: 'Kunnanhallitus', date: '01.12.2026', title: 'Toimii' });
      const report = await service.poll();
      const kouvola = report.results.find((r) => r.portal === KOUVOLA && r.feed === 'meetingitems')!;
      expect(kouvola.outcome).toEqual({ kind: 'failed', code });
      const status = (await service.view()).status;
      expect(status.find((s) => s.portal === KOUVOLA && s.feed === 'meetingitems')).toMatchObject({ lastError: code, failures: 1, entries: 5 });
      expect(status.find((s) => s.portal === IITTI)).toMatchObject({ lastError: null });
      expect(await db.feedEntries.where('[portal+feed]').equals([KOUVOLA, 'meetingitems']).count()).toBe(5);
      expect(await badge()).toBe('1');
      expect(await notifications()).toHaveLength(1);
    });
  }

  it('a truncated feed keeps the entries before the break and announces only real new ones', async () => {
    await service.poll();
    portals.publish(KOUVOLA, { id: '2026101-1', organ: 'Kaupunginhallitus', date: '01.12.2026', title: 'Uusi' });
    portals.fault(KOUVOLA, 'meetingitems', 'malformed');
    await service.poll();
    expect(await badge()).toBe('1');
  });

  it('UTF-8 bytes under an ISO-8859-1 header still give Finnish titles', async () => {
    await service.poll();
    portals.publish(KOUVOLA, { id: '2026101-1', organ: 'Ympäristölautakunta', date: '01.12.2026', title: 'Järven tila' });
    portals.fault(KOUVOLA, 'meetingitems', 'wrong-charset');
    await service.poll();
    const [group] = await service.newGroups();
    expect(group?.organs[0]).toMatchObject({ organ: 'Ympäristölautakunta', entries: [expect.objectContaining({ title: 'Järven tila' })] });
  });

  it('backs off after a failure (no request until the backoff passes), recovers, and a recovery after an outage is no burst', async () => {
    await configure({ notifications: true });
    browser.granted.add('notifications');
    await service.poll();
    portals.fault(KOUVOLA, 'meetingitems', { status: 500 });
    await service.poll();
    const state = await db.feedState.get([KOUVOLA, 'meetingitems']);
    expect(state!.nextAttempt).toBeGreaterThan(clock);
    const count = portals.requests.filter((r) => r.url.startsWith(KOUVOLA) && r.url.includes('meetingitems')).length;
    await service.poll();
    expect(portals.requests.filter((r) => r.url.startsWith(KOUVOLA) && r.url.includes('meetingitems')).length).toBe(count);
    portals.fault(KOUVOLA, 'meetingitems', null);
    portals.publish(KOUVOLA, { id: '2026101-1', organ: 'Kaupunginhallitus', date: '01.12.2026', title: 'Katkon jälkeen' });
    clock = state!.nextAttempt + 1;
    await service.poll();
    expect((await db.feedState.get([KOUVOLA, 'meetingitems']))).toMatchObject({ lastError: null, failures: 0 });
    expect(await notifications()).toHaveLength(1);
    expect(await badge()).toBe('1');
  });

  it('duplicate ids and javascript: links never become entries twice or links', async () => {
    portals.set(KOUVOLA, 'meetingitems', [...items('2026100', 2), ...items('2026100', 2)]);
    await service.poll();
    expect(await db.feedEntries.where('[portal+feed]').equals([KOUVOLA, 'meetingitems']).count()).toBe(2);
  });
});

describe('alarms', () => {
  it('are created on install and startup at the chosen interval, never below the floor', async () => {
    await service.installed('update');
    expect(await fakeBrowser.alarms.get(ALARM_NAME)).toMatchObject({ periodInMinutes: 15 });
    const view = await service.view();
    await service.save({ ...view.settings, intervalMinutes: 0 });
    expect(await fakeBrowser.alarms.get(ALARM_NAME)).toMatchObject({ periodInMinutes: 1 });
    await fakeBrowser.alarms.clearAll();
    await makeService().startup();
    expect(await fakeBrowser.alarms.get(ALARM_NAME)).toMatchObject({ periodInMinutes: 1 });
  });

  it('opens the options page on first install (first run)', async () => {
    await service.installed('install');
    expect(browser.opened).toEqual(['options']);
  });

  it('the alarm polls', async () => {
    await service.alarm(ALARM_NAME);
    expect(await db.feedEntries.count()).toBe(9);
  });
});

describe('portals', () => {
  const CUSTOM = 'https://poytakirjat.example.fi/D10_Example';

  it('adds a custom portal from any of its addresses: base derived, feed verified, script registered; removal undoes it', async () => {
    portals.set(CUSTOM, 'meetingitems', items('2026300', 2));
    portals.set(CUSTOM, 'meetings', []);
    browser.granted.add(`${CUSTOM}/cgi/DREQUEST.PHP*`);
    browser.granted.add(`${CUSTOM}/kokous/*`);
    const result = await service.addPortal(`${CUSTOM}/cgi/DREQUEST.PHP?page=meetingitem&id=2026300-1`, 'Esimerkki');
    expect(result).toEqual({ ok: true, portal: { base: CUSTOM, name: 'Esimerkki', custom: true, feeds: { meetingitems: true, meetings: true, official_decisions: false } } });
    expect(browser.registered.get(registrationId(CUSTOM))).toMatchObject({ js: [CONTENT_SCRIPT_FILE], matches: [`${CUSTOM}/cgi/DREQUEST.PHP*`, `${CUSTOM}/kokous/*`] });
    expect(await db.feedEntries.where('[portal+feed]').equals([CUSTOM, 'meetingitems']).count()).toBe(2);
    await service.removePortal(CUSTOM);
    expect(browser.registered.size).toBe(0);
    expect(browser.granted.has(`${CUSTOM}/cgi/DREQUEST.PHP*`)).toBe(false);
    expect((await service.view()).settings.portals.map((p) => p.base)).toEqual([KOUVOLA, IITTI]);
  });

  it('a portal removed while a poll is running leaves no badge, no New entries, and a re-add stays silent', async () => {
    await configure({ notifications: true });
    browser.granted.add('notifications');
    await service.poll();
    portals.publish(KOUVOLA, { id: '2026199-1', organ: 'Kaupunginhallitus', date: '27.11.2026', title: 'Uusi asia' });
    clock += 60_000;
    const polling = service.poll(true);
    await service.removePortal(KOUVOLA);
    await polling;
    expect(await badge()).toBe('');
    expect((await service.newGroups()).map((g) => g.portal)).toEqual([]);
    expect((await service.view()).status.map((s) => s.portal)).toEqual([IITTI]);
    const before = (await notifications()).length;
    browser.granted.add(`${KOUVOLA}/cgi/DREQUEST.PHP*`);
    browser.granted.add(`${KOUVOLA}/kokous/*`);
    portals.publish(KOUVOLA, { id: '2026199-2', organ: 'Kaupunginhallitus', date: '27.11.2026', title: 'Toinen uusi asia' });
    expect(await service.addPortal(KOUVOLA, 'Kouvola')).toMatchObject({ ok: true });
    clock += 60_000;
    await service.poll(true);
    expect(await badge()).toBe('');
    expect(await notifications()).toHaveLength(before);
  });

  it('finds the base from a root address by trying path prefixes', async () => {
    portals.set(CUSTOM, 'meetingitems', items('2026300', 1));
    browser.granted.add(`${CUSTOM}/extra/cgi/DREQUEST.PHP*`);
    browser.granted.add(`${CUSTOM}/extra/kokous/*`);
    browser.granted.add(`${CUSTOM}/cgi/DREQUEST.PHP*`);
    browser.granted.add(`${CUSTOM}/kokous/*`);
    const result = await service.addPortal(`${CUSTOM}/extra/index.html`);
    expect(result).toMatchObject({ ok: true, portal: { base: CUSTOM, name: 'poytakirjat.example.fi' } });
  });

  it('refuses an address that is not a Dynasty portal and gives its permission back', async () => {
    const other = 'https://www.example.org';
    browser.granted.add(`${other}/cgi/DREQUEST.PHP*`);
    browser.granted.add(`${other}/kokous/*`);
    expect(await service.addPortal(other)).toEqual({ ok: false, reason: 'no-feed' });
    expect(browser.granted.size).toBe(0);
    expect(await service.addPortal('javascript:alert(1)')).toEqual({ ok: false, reason: 'invalid-address' });
    expect(await service.addPortal('https://no-permission.example.fi')).toEqual({ ok: false, reason: 'permission' });
  });

  it('a portal covered by the manifest (known or demo loopback) gets no second registration', async () => {
    browser = stubBrowser([`${CUSTOM}/cgi/DREQUEST.PHP*`, `${CUSTOM}/kokous/*`]);
    await configure();
    service = makeService();
    portals.set(CUSTOM, 'meetingitems', items('2026300', 1));
    browser.granted.add(`${CUSTOM}/cgi/DREQUEST.PHP*`);
    browser.granted.add(`${CUSTOM}/kokous/*`);
    expect(await service.addPortal(CUSTOM)).toMatchObject({ ok: true });
    expect(browser.registered.size).toBe(0);
  });
});

describe('concurrency', () => {
  it('never has more than 4 feed requests in flight', async () => {
    const bases = Array.from({ length: 12 }, (_, i) => `https://p${i}.example.fi`);
    for (const b of bases) portals.set(b, 'meetingitems', items(`1${bases.indexOf(b)}`, 2));
    await configure({ portals: bases.map((b) => ({ base: b, name: b, custom: false, feeds: { meetingitems: true, meetings: false, official_decisions: false } })) });
    let inFlight = 0;
    let peak = 0;
    const inner = portals.fetch;
    service = createFeedService({
      browser,
      db,
      now: () => clock,
      fetch: async (url, init) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        try {
          return await inner(url, init);
        } finally {
          inFlight--;
        }
      },
    });
    await service.poll();
    expect(peak).toBe(4);
    expect(await db.feedEntries.count()).toBe(24);
  });
});
