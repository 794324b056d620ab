/**
 * The watcher's core: poll every switched-on feed of every watched portal, with bounded concurrency,
 * conditional requests, a content-hash no-op, backoff after failures, and a diff by entry id against
 * what is stored. Everything it needs is injected (database, fetch, clock, randomness), so it runs in
 * Node tests with fake-indexeddb and a fake fetch exactly as in the service worker.
 *
 * A poll that finds nothing new writes nothing to the database: a 304, an unchanged hash, or an
 * unchanged entry set on a feed whose state is already clean all return before any write.
 */
import type { FeedEntryRecord, FeedName, FeedStateRecord, PykalaDatabase } from '../db';
import { analyzeFeed } from '../dynasty/feed';
import type { FeedEntry } from '../dynasty/types';
import { portalOf } from '../dynasty/urls';
import { backoffMs, contentHash, DEFAULT_LIMITS, fetchFeed, type FeedErrorCode, type FetchLike, type FetchLimits } from './fetch';
import { ruleMatcher, type RuleSubject } from './rules';
import { enabledFeeds, feedUrl, type FeedSettings } from './settings';

export interface PollDeps {
  db: PykalaDatabase;
  fetch: FetchLike;
  now?: () => number;
  random?: () => number;
  limits?: FetchLimits;
  /** How many feeds are fetched at once. */
  concurrency?: number;
  /** How many entries to ask for (`show=`). */
  show?: number;
}

export type FeedOutcome =
  | { kind: 'unchanged' }
  | { kind: 'seeded'; count: number }
  | { kind: 'updated'; added: FeedEntryRecord[] }
  | { kind: 'failed'; code: FeedErrorCode }
  | { kind: 'skipped' };

export interface FeedPollResult {
  portal: string;
  feed: FeedName;
  outcome: FeedOutcome;
}

export interface PollReport {
  results: FeedPollResult[];
  /** New entries that match the follow rules (what notifications and the badge are about). */
  announced: FeedEntryRecord[];
  startedAt: number;
  finishedAt: number;
}

function freshState(portal: string, feed: FeedName): FeedStateRecord {
  return {
    portal,
    feed,
    etag: null,
    lastModified: null,
    contentHash: null,
    lastSuccess: null,
    lastError: null,
    lastErrorAt: null,
    failures: 0,
    nextAttempt: 0,
    seeded: false,
  };
}

/** Runs `tasks` with at most `limit` in flight, results in input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Polls one feed. `force` ignores the backoff schedule (the user pressed "check now"). */
export async function pollFeed(
  deps: PollDeps,
  settings: FeedSettings,
  portal: string,
  feed: FeedName,
  force = false,
): Promise<FeedOutcome> {
  const now = deps.now ?? Date.now;
  const db = deps.db;
  const stored = await db.feedState.get([portal, feed]);
  const state = stored ?? freshState(portal, feed);
  if (!force && state.nextAttempt > now()) return { kind: 'skipped' };

  const fail = async (code: FeedErrorCode): Promise<FeedOutcome> => {
    const failures = state.failures + 1;
    const at = now();
    await db.feedState.put({ ...state, lastError: code, lastErrorAt: at, failures, nextAttempt: at + backoffMs(failures, deps.random) });
    return { kind: 'failed', code };
  };
  const clean = state.lastError === null && state.failures === 0 && stored !== undefined;

  // 100: a council agenda can publish 50+ items at once, and an entry that falls off the feed between
  // two polls would never be seen.
  const url = feedUrl(portal, feed, deps.show ?? 100);
  const fetched = await fetchFeed(deps.fetch, url, { etag: state.etag, lastModified: state.lastModified }, deps.limits ?? DEFAULT_LIMITS);
  if (fetched.kind === 'error') return fail(fetched.code);
  if (fetched.kind === 'not-modified') {
    if (clean) return { kind: 'unchanged' };
    await db.feedState.put({ ...state, lastSuccess: now(), lastError: null, failures: 0, nextAttempt: 0 });
    return { kind: 'unchanged' };
  }

  const hash = await contentHash(fetched.bytes);
  if (clean && hash === state.contentHash) return { kind: 'unchanged' };

  const { page, recognized } = analyzeFeed(fetched.bytes, { url, contentType: fetched.contentType });
  if (!recognized) return fail(fetched.bytes.length === 0 ? 'empty' : 'not-feed');

  const entries = page.entries.filter((e): e is FeedEntry & { id: string } => e.id !== null);
  const known = new Set(
    (await db.feedEntries.where('[portal+feed]').equals([portal, feed]).primaryKeys()).map((k) => (k as unknown as string[])[2]!),
  );
  const fresh = entries.filter((e) => !known.has(e.id));
  const at = now();
  const nextState: FeedStateRecord = {
    ...state,
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    contentHash: hash,
    lastSuccess: at,
    lastError: null,
    lastErrorAt: state.lastErrorAt,
    failures: 0,
    nextAttempt: 0,
    seeded: true,
  };

  if (fresh.length === 0 && clean && state.seeded && state.etag === fetched.etag && state.lastModified === fetched.lastModified) {
    // Different bytes, same entries (a title edited, an entry dropped): nothing new, so nothing is
    // written, not even the hash; the next poll parses again, which costs milliseconds, not writes.
    return { kind: 'unchanged' };
  }

  const seeding = !state.seeded;
  const matches = ruleMatcher(settings.rules);
  const diaries = seeding ? new Map<string, string | null>() : await knownDiaryNumbers(db, portal, fresh);
  const records: FeedEntryRecord[] = fresh.map((e) => {
    const subject: RuleSubject = { portal, organ: e.organ, title: e.title, diaryNumber: diaries.get(e.id) ?? null };
    return {
      portal,
      feed,
      entryId: e.id,
      organ: e.organ,
      date: e.date,
      title: e.title,
      url: e.url,
      firstSeen: at,
      // The first poll of a feed only seeds: everything already there counts as seen.
      seen: seeding ? 1 : 0,
      matched: seeding ? 0 : matches(subject) ? 1 : 0,
    };
  });
  await db.transaction('rw', ['feedEntries', 'feedState'], async () => {
    if (records.length) await db.feedEntries.bulkPut(records);
    await db.feedState.put(nextState);
  });
  if (seeding) return { kind: 'seeded', count: records.length };
  return { kind: 'updated', added: records };
}

/** Diary numbers of items already in the library (read before), for diary-number rules. */
async function knownDiaryNumbers(db: PykalaDatabase, feedPortal: string, entries: FeedEntry[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const keys = entries.filter((e) => e.id).map((e) => [portalOf(e.url) ?? feedPortal, e.id!] as [string, string]);
  if (!keys.length) return out;
  const items = await db.items.bulkGet(keys as never[]);
  items.forEach((item, i) => {
    if (item?.diaryNumber) out.set(keys[i]![1], item.diaryNumber);
  });
  return out;
}

/** Polls every switched-on feed. Failures of one feed never stop the others. */
export async function pollAll(deps: PollDeps, settings: FeedSettings, options: { force?: boolean } = {}): Promise<PollReport> {
  const now = deps.now ?? Date.now;
  const startedAt = now();
  const jobs = enabledFeeds(settings);
  const results = await mapBounded(jobs, deps.concurrency ?? 4, async ({ portal, feed }) => {
    let outcome: FeedOutcome;
    try {
      outcome = await pollFeed(deps, settings, portal.base, feed, options.force);
    } catch (error) {
      // A database or programming error in one feed: report it, keep polling the rest.
      outcome = { kind: 'failed', code: 'network' };
      console.warn('pykala: feed poll failed', portal.base, feed, error);
    }
    return { portal: portal.base, feed, outcome };
  });
  const announced = results.flatMap((r) => (r.outcome.kind === 'updated' ? r.outcome.added.filter((e) => e.matched === 1) : []));
  return { results, announced, startedAt, finishedAt: now() };
}
