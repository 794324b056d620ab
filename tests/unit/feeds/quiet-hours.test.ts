/**
 * Quiet hours hold notifications instead of dropping them: held in storage, shown as the one grouped
 * notification of the first poll after they end, minus what was opened meanwhile.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { FeedEntryRecord, PykalaDatabase } from '@/lib/db';
import { decideNotification, MAX_HELD, sanitizeHeld } from '@/lib/feeds/notify';
import { createFeedService, HELD_KEY, type FeedService } from '@/lib/feeds/service';
import { defaultSettings, saveSettings, type FeedSettings } from '@/lib/feeds/settings';
import { countingDb, FakePortals, items, stubBrowser, type StubbedBrowser } from './helpers';

const KOUVOLA = 'https://ep10.kouvola.fi';
const NIGHT = { enabled: true, start: '22:00', end: '07:00' };
/** Local time on 27-28 Nov 2026 (no DST change), whatever the machine's time zone. */
const at = (day: 27 | 28, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();

describe('decideNotification (pure)', () => {
  const entry = (id: string, patch: Partial<FeedEntryRecord> = {}): FeedEntryRecord => ({
    portal: KOUVOLA,
    feed: 'meetingitems',
    entryId: id,
    organ: 'Kaupunginhallitus',
    date: '2026-11-27',
    title: `Asia ${id}`,
    url: null,
    firstSeen: 1,
    seen: 0,
    matched: 1,
    ...patch,
  });
  const input = { announced: [] as FeedEntryRecord[], held: [] as FeedEntryRecord[], canNotify: true, quiet: NIGHT };

  it('holds inside quiet hours and shows nothing', () => {
    const d = decideNotification({ ...input, held: [entry('a')], announced: [entry('b', { firstSeen: 2 })], at: new Date(at(27, 23)) });
    expect(d.show).toEqual([]);
    expect(d.hold.map((e) => e.entryId)).toEqual(['a', 'b']);
  });

  it('after quiet hours shows held and new together, newest first, and holds nothing', () => {
    const d = decideNotification({ ...input, held: [entry('a', { firstSeen: 1 }), entry('b', { firstSeen: 2 })], announced: [entry('c', { firstSeen: 3 }), entry('d', { firstSeen: 3 })], at: new Date(at(28, 7, 5)) });
    expect(d.show.map((e) => e.entryId)).toEqual(['c', 'd', 'b', 'a']);
    expect(d.hold).toEqual([]);
  });

  it('never announces an entry seen meanwhile (or one no longer followed), nor one twice', () => {
    const d = decideNotification({ ...input, held: [entry('a', { seen: 1 }), entry('b'), entry('x', { matched: 0 })], announced: [entry('b')], at: new Date(at(28, 8)) });
    expect(d.show.map((e) => e.entryId)).toEqual(['b']);
  });

  it('holds nothing with quiet hours off: shown at once, and what was held goes with it', () => {
    const d = decideNotification({ ...input, quiet: { ...NIGHT, enabled: false }, held: [entry('a')], announced: [entry('b', { firstSeen: 2 })], at: new Date(at(27, 23)) });
    expect(d).toEqual({ show: [expect.objectContaining({ entryId: 'b' }), expect.objectContaining({ entryId: 'a' })], hold: [] });
  });

  it('drops everything, held included, when notifications are off', () => {
    expect(decideNotification({ ...input, canNotify: false, held: [entry('a')], announced: [entry('b')], at: new Date(at(27, 23)) })).toEqual({ show: [], hold: [] });
    expect(decideNotification({ ...input, canNotify: false, held: [entry('a')], announced: [], at: new Date(at(28, 8)) })).toEqual({ show: [], hold: [] });
  });

  it('keeps at most MAX_HELD, the newest; stored garbage reads as nothing', () => {
    const many = Array.from({ length: MAX_HELD + 5 }, (_, i) => entry(String(i)));
    const d = decideNotification({ ...input, held: many, at: new Date(at(27, 23)) });
    expect(d.hold).toHaveLength(MAX_HELD);
    expect(d.hold[0]!.entryId).toBe('5');
    expect(sanitizeHeld({ a: 1 })).toEqual([]);
    expect(sanitizeHeld([[KOUVOLA, 'meetingitems', '1'], ['x'], [1, 2, 3], null])).toEqual([[KOUVOLA, 'meetingitems', '1']]);
  });
});

describe('the watcher in quiet hours 22:00-07:00', () => {
  let portals: FakePortals;
  let browser: StubbedBrowser;
  let db: PykalaDatabase;
  let clock: number;
  let service: FeedService;

  const makeService = () => createFeedService({ browser, db, fetch: portals.fetch, now: () => clock, random: () => 0.5 });
  const configure = (patch: Partial<FeedSettings> = {}) =>
    saveSettings(browser.storage.local, {
      ...defaultSettings(),
      portals: [{ base: KOUVOLA, name: 'Kouvola', custom: false, feeds: { meetingitems: true, meetings: false, official_decisions: false } }],
      notifications: true,
      quietHours: NIGHT,
      ...patch,
    });
  const shown = async () => Object.values(await fakeBrowser.notifications.getAll()) as { title: string; message: string }[];
  const badge = () => fakeBrowser.action.getBadgeText({});
  const publish = (id: string, title: string, organ = 'Kaupunginhallitus') => portals.publish(KOUVOLA, { id, organ, date: '30.11.2026', title });

  beforeEach(async () => {
    portals = new FakePortals();
    browser = stubBrowser();
    browser.granted.add('notifications');
    ({ db } = countingDb());
    portals.set(KOUVOLA, 'meetingitems', items('2026100', 3));
    await configure();
    service = makeService();
    clock = at(27, 21);
    await service.poll();
  });

  it('holds entries arriving at 23:00 and shows them as one notification on the first poll after 07:00', async () => {
    clock = at(27, 23);
    publish('2026101-1', 'Ratapihan asemakaava', 'Tekninen lautakunta');
    publish('2026101-2', 'Talousarvio 2027');
    await service.poll();
    expect(await shown()).toEqual([]);
    expect(await badge()).toBe('2');
    clock = at(28, 3);
    publish('2026101-3', 'Koulujen verkko');
    await service.poll();
    clock = at(28, 6, 45);
    await service.poll();
    expect(await shown()).toEqual([]);

    clock = at(28, 7, 0);
    await service.poll();
    const [one, ...rest] = await shown();
    expect(rest).toEqual([]);
    expect(one!.title).toBe('feeds_notifyMany(3)');
    expect(one!.message.split('\n').sort()).toEqual(['Kaupunginhallitus: Koulujen verkko', 'Kaupunginhallitus: Talousarvio 2027', 'Tekninen lautakunta: Ratapihan asemakaava']);
    // Delivered once: the next poll says nothing more.
    clock = at(28, 7, 15);
    await service.poll();
    expect(await shown()).toHaveLength(1);
    expect((await browser.storage.local.get(HELD_KEY))[HELD_KEY]).toEqual([]);
  });

  it('does not announce an entry opened before 07:00', async () => {
    clock = at(27, 23);
    publish('2026101-1', 'Luettu yöllä');
    publish('2026101-2', 'Ratapihan asemakaava', 'Tekninen lautakunta');
    await service.poll();
    clock = at(28, 6);
    await service.pageSeen({ kind: 'meetingItem', portal: KOUVOLA, itemId: '2026101-1' } as never);
    clock = at(28, 7, 10);
    await service.poll();
    expect(await shown()).toEqual([{ title: 'Tekninen lautakunta', message: 'Ratapihan asemakaava' }].map((n) => expect.objectContaining(n)));
  });

  it('"mark all seen" during the night takes everything held so far out of the morning notification', async () => {
    clock = at(27, 23);
    publish('2026101-1', 'Yksi');
    publish('2026101-2', 'Kaksi');
    await service.poll();
    clock = at(28, 3);
    await service.markSeen({});
    clock = at(28, 4);
    publish('2026101-3', 'Neljältä', 'Tekninen lautakunta');
    await service.poll();
    expect(await shown()).toEqual([]);
    clock = at(28, 7, 10);
    await service.poll();
    expect(await shown()).toEqual([expect.objectContaining({ title: 'Tekninen lautakunta', message: 'Neljältä' })]);
  });

  it('still delivers after the worker restarts in between (a new service over the same storage)', async () => {
    clock = at(27, 23, 30);
    publish('2026101-1', 'Ratapihan asemakaava', 'Tekninen lautakunta');
    await service.poll();
    const restarted = makeService();
    await restarted.startup();
    clock = at(28, 7, 15);
    await restarted.alarm('pykala-feeds');
    expect(await shown()).toEqual([expect.objectContaining({ title: 'Tekninen lautakunta', message: 'Ratapihan asemakaava' })]);
  });

  it('holds nothing with quiet hours off: switching them off delivers what was held on the next poll, then shows at once', async () => {
    clock = at(27, 23);
    publish('2026101-1', 'Yöllä');
    await service.poll();
    clock = at(28, 1);
    await configure({ quietHours: { ...NIGHT, enabled: false } });
    await service.poll();
    expect(await shown()).toEqual([expect.objectContaining({ title: 'Kaupunginhallitus', message: 'Yöllä' })]);
    clock = at(28, 1, 30);
    publish('2026101-2', 'Heti');
    await service.poll();
    expect((await shown()).map((n) => n.message)).toEqual(['Yöllä', 'Heti']);
    expect((await browser.storage.local.get(HELD_KEY))[HELD_KEY]).toEqual([]);
    clock = at(28, 7, 15);
    await service.poll();
    expect(await shown()).toHaveLength(2);
  });

  it('drops what was held when notifications are switched off; switched back on, only later entries are told', async () => {
    clock = at(27, 23);
    publish('2026101-1', 'Yöllä');
    await service.poll();
    clock = at(28, 1);
    await configure({ notifications: false });
    await service.poll();
    clock = at(28, 6);
    await configure();
    clock = at(28, 6, 30);
    publish('2026101-2', 'Aamuyöllä', 'Tekninen lautakunta');
    await service.poll();
    clock = at(28, 7, 15);
    await service.poll();
    expect(await shown()).toEqual([expect.objectContaining({ title: 'Tekninen lautakunta', message: 'Aamuyöllä' })]);
    expect(await badge()).toBe('2');
  });
});

describe('the watcher when showing the morning notification fails', () => {
  it('keeps the held entries and the new ones of that poll for the next poll (none is lost)', async () => {
    const portals = new FakePortals();
    const browser = stubBrowser();
    browser.granted.add('notifications');
    const { db } = countingDb();
    portals.set(KOUVOLA, 'meetingitems', items('2026100', 3));
    await saveSettings(browser.storage.local, {
      ...defaultSettings(),
      portals: [{ base: KOUVOLA, name: 'Kouvola', custom: false, feeds: { meetingitems: true, meetings: false, official_decisions: false } }],
      notifications: true,
      quietHours: NIGHT,
    });
    let clock = at(27, 21);
    const service = createFeedService({ browser, db, fetch: portals.fetch, now: () => clock, random: () => 0.5 });
    await service.poll();
    clock = at(27, 23);
    portals.publish(KOUVOLA, { id: '2026101-1', organ: 'Kaupunginhallitus', date: '30.11.2026', title: 'Yöllä' });
    await service.poll();
    clock = at(28, 7, 5);
    portals.publish(KOUVOLA, { id: '2026101-2', organ: 'Kaupunginhallitus', date: '30.11.2026', title: 'Aamulla' });
    const create = fakeBrowser.notifications.create;
    let failures = 1;
    fakeBrowser.notifications.create = ((...args: Parameters<typeof create>) => (failures-- > 0 ? Promise.reject(new Error('icon failed')) : create(...args))) as typeof create;
    try {
      await service.poll();
      expect(Object.values(await fakeBrowser.notifications.getAll())).toEqual([]);
      clock = at(28, 7, 20);
      await service.poll();
    } finally {
      fakeBrowser.notifications.create = create;
    }
    const shown = Object.values(await fakeBrowser.notifications.getAll()) as { title: string; message: string }[];
    expect(shown).toHaveLength(1);
    expect(shown[0]!.message.split('\n').sort()).toEqual(['Kaupunginhallitus: Aamulla', 'Kaupunginhallitus: Yöllä']);
  });
});
