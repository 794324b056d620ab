/**
 * Feed figures. `feed.parse_1000_ms`: median time to parse a 1000-entry ISO-8859-1 Dynasty feed from
 * bytes with lib/dynasty/feed.ts (goal < 20 ms); beside it, for the record, the same bytes through
 * fast-xml-parser (decode + tree + entity handling) to justify the hand-written scanner.
 * The polling figures (`feeds.poll_90_ms`, `feeds.nochange_writes`) run the real watcher core against
 * a local demo-style portal server.
 */
import 'fake-indexeddb/auto';
import { XMLParser } from 'fast-xml-parser';
import { startDemoPortal } from '../demo-portal/server';
import { PykalaDatabase } from '../lib/db';
import { pollAll } from '../lib/feeds/poll';
import { defaultSettings, type FeedSettings } from '../lib/feeds/settings';
import { decodeBytes } from '../lib/dynasty/charset';
import { parseFeed } from '../lib/dynasty/feed';
import { median, type BenchRow } from './types';

export function thousandEntryFeed(count = 1000): Uint8Array {
  const organs = ['Kaupunginhallitus', 'Tekninen lautakunta', 'Sivistyslautakunta', 'Konserni- ja kaupunkikehitysjaosto'];
  let items = '';
  for (let i = 0; i < count; i++) {
    const title = `${organs[i % organs.length]} ${String((i % 28) + 1).padStart(2, '0')}.0${(i % 9) + 1}.2026 / Työjärjestyksen hyväksyminen &ndash; pykälä ${i} / Ympäristö&ouml;n vaikutukset`;
    const link = `https://kokkola10.oncloudos.com:443/cgi/DREQUEST.PHP?page=meetingitem&id=2026${1000 + (i >> 4)}-${i & 15}`;
    items += `<item><title><![CDATA[${title}]]></title><description><![CDATA[${title}]]></description><link><![CDATA[${link}]]></link></item>`;
  }
  const text = `<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel><title><![CDATA[Dynasty]]></title><description><![CDATA[Dynasty - Kokousasiat]]></description><link><![CDATA[https://kokkola10.oncloudos.com:443/cgi/DREQUEST.PHP?page=meeting_frames]]></link>${items}</channel></rss>`;
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function timeIt(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function run(): Promise<BenchRow[]> {
  const bytes = thousandEntryFeed();
  const url = 'https://kokkola10.oncloudos.com/cgi/DREQUEST.PHP?page=rss/meetingitems&show=1000';
  const entries = parseFeed(bytes, { url }).entries.length;
  if (entries !== 1000) throw new Error(`expected 1000 entries, parsed ${entries}`);
  const scanner = timeIt(() => parseFeed(bytes, { url }), 41);
  const fxp = new XMLParser({ htmlEntities: true, processEntities: true, ignoreAttributes: true });
  const library = timeIt(() => {
    const doc = fxp.parse(decodeBytes(bytes).text) as { rss?: { channel?: { item?: unknown[] } } };
    return doc.rss?.channel?.item?.length;
  }, 41);
  const rows: BenchRow[] = [
    { name: 'feed.parse_1000_ms', value: scanner, goal: '< 20', pass: scanner < 20 },
    { name: 'feed.parse_1000_fxp_ms', value: library, goal: 'fast-xml-parser, same bytes (reference)' },
  ];
  rows.push(...(await pollBench()));
  return rows;
}

/** A database whose every write (DBCore mutate) is counted. */
function countingDb(name: string): { db: PykalaDatabase; writes: () => number } {
  const db = new PykalaDatabase(name);
  let writes = 0;
  db.use({
    stack: 'dbcore',
    name: 'write-counter',
    create: (down) => ({
      ...down,
      table: (table) => {
        const t = down.table(table);
        return { ...t, mutate: (req) => (writes++, t.mutate(req)) };
      },
    }),
  });
  return { db, writes: () => writes };
}

/**
 * 30 portals x 3 feeds against the local demo portal (one server, 30 path prefixes), concurrency 4,
 * with the real fetch, parser and Dexie (fake-indexeddb). `feeds.poll_90_ms` is the slowest kind of
 * poll, the first one that seeds every feed (median of 3 fresh runs); then a poll after one new item;
 * then a poll with no change, whose database writes are counted.
 */
async function pollBench(): Promise<BenchRow[]> {
  const portal = await startDemoPortal();
  try {
    const settings: FeedSettings = {
      ...defaultSettings(),
      portals: Array.from({ length: 30 }, (_, i) => ({
        base: `${portal.url}/kunta${i}`,
        name: `Kunta ${i}`,
        custom: true,
        feeds: { meetingitems: true, meetings: true, official_decisions: true },
      })),
    };
    const seeds: number[] = [];
    const updates: number[] = [];
    let nochangeWrites = 0;
    let nochangeRequests = 0;
    let failures = 0;
    for (let run = 0; run < 3; run++) {
      const { db, writes } = countingDb(`bench-feeds-${run}-${Date.now()}`);
      const deps = { db, fetch: (url: string, init?: RequestInit) => fetch(url, init), concurrency: 4 };
      let t0 = performance.now();
      const seeded = await pollAll(deps, settings);
      seeds.push(performance.now() - t0);
      failures += seeded.results.filter((r) => r.outcome.kind === 'failed').length;
      portal.publishItem({ id: `2021587-${200 + run}`, organ: 'Kaupunginhallitus', date: '07.06.2021', title: `Uusi asia ${run}`, kind: 'Pöytäkirja' });
      t0 = performance.now();
      const updated = await pollAll(deps, settings);
      updates.push(performance.now() - t0);
      failures += updated.results.filter((r) => r.outcome.kind === 'failed').length;
      const before = writes();
      portal.requests.reset();
      await pollAll(deps, settings);
      nochangeWrites = Math.max(nochangeWrites, writes() - before);
      nochangeRequests = portal.requests.count('page=rss/');
      db.close();
    }
    if (failures) throw new Error(`${failures} feed polls failed against the demo portal`);
    const seed = median(seeds);
    return [
      { name: 'feeds.poll_90_ms', value: seed, goal: '<= 2000 (first poll, seeds 90 feeds)', pass: seed <= 2000 },
      { name: 'feeds.poll_90_update_ms', value: median(updates), goal: 'one new item on 30 portals (reported)' },
      { name: 'feeds.nochange_writes', value: nochangeWrites, goal: '0', pass: nochangeWrites === 0 },
      { name: 'feeds.nochange_requests', value: nochangeRequests, goal: '90 (one per feed)', pass: nochangeRequests === 90 },
    ];
  } finally {
    await portal.close();
  }
}
