/**
 * The watcher as the background uses it: settings, alarms, polling, badge, notifications, portals,
 * and the feed messages. Every browser API arrives through `FeedBrowser` (the real `browser` or
 * WXT's fakeBrowser with stubs), so the whole flow runs in unit tests. No state lives only in memory
 * except the "a poll is running" guard: the badge, unseen entries and notification targets are all
 * re-read from the database or storage after the worker restarts, and so are entries held during
 * quiet hours (their keys in storage.local).
 */
import type { FeedEntryRecord, FeedName, PykalaDatabase } from '../db';
import type { ParsedPage } from '../dynasty/types';
import { forgetPortal, ensurePermission, registerPortalScript, syncRegistrations, verifyPortal, candidateBases, type PortalBrowser } from '../portals/custom';
import { knownPortalByBase } from '../portals/known';
import type { FetchLike, FetchLimits } from './fetch';
import { localIsoDate, meetingsToIcs, upcomingMeetings } from './ics';
import { decideNotification, heldKeyOf, MAX_HELD, planNotification, sanitizeHeld } from './notify';
import { pollAll, pollFeed, type PollReport } from './poll';
import { defaultFeeds, enabledFeeds, loadSettings, saveSettings, type FeedSettings, type SettingsStore, type WatchedPortal } from './settings';
import { badgeText, groupNew, markSeen, unseenCount, unseenEntries, type NewGroup } from './unseen';

export const ALARM_NAME = 'pykala-feeds';
const TARGETS_KEY = 'feeds.notificationTargets';
const CHECKED_KEY = 'feeds.lastChecked';
/** Keys of entries held during quiet hours, oldest first (storage.local: the MV3 worker sleeps in between). */
export const HELD_KEY = 'feeds.heldNotifications';

export interface BadgeApi {
  setBadgeText(d: { text: string }): Promise<void>;
  setBadgeBackgroundColor?(d: { color: string }): Promise<void>;
}

export interface FeedBrowser extends PortalBrowser {
  storage: { local: SettingsStore; session?: SettingsStore };
  alarms: {
    get(name: string): Promise<{ name: string; periodInMinutes?: number } | undefined | null>;
    create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): Promise<void> | void;
  };
  /** MV3 `action`; Firefox's MV2 build has `browserAction` instead. */
  action?: BadgeApi;
  browserAction?: BadgeApi;
  notifications?: {
    create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<string>;
    clear(id: string): Promise<boolean>;
  };
  tabs: { create(p: { url: string }): Promise<unknown> };
  runtime: PortalBrowser['runtime'] & { getURL(path: string): string; openOptionsPage(): Promise<void> };
  i18n?: { getMessage(key: string, subs?: string | string[]): string };
}

export interface FeedServiceDeps {
  browser: FeedBrowser;
  db: PykalaDatabase;
  fetch: FetchLike;
  now?: () => number;
  random?: () => number;
  demo?: boolean;
  concurrency?: number;
  limits?: FetchLimits;
  /** Called with entries a poll added (seeded or new), e.g. to update the library's search index. */
  onEntriesAdded?: (entries: FeedEntryRecord[]) => Promise<void> | void;
}

export interface FeedStatus {
  portal: string;
  portalName: string;
  feed: FeedName;
  lastSuccess: number | null;
  lastChecked: number | null;
  /** An error code (`timeout`, `http:404`, `not-feed` ...), turned into words by the options page. */
  lastError: string | null;
  lastErrorAt: number | null;
  failures: number;
  nextAttempt: number;
  entries: number;
}

export interface FeedsView {
  settings: FeedSettings;
  status: FeedStatus[];
  unseen: number;
  demo: boolean;
  notificationsGranted: boolean;
}

export type AddPortalResult =
  | { ok: true; portal: WatchedPortal }
  | { ok: false; reason: 'invalid-address' | 'no-feed' | 'permission' | 'exists' };

export function createFeedService(deps: FeedServiceDeps) {
  const { browser, db } = deps;
  const now = deps.now ?? Date.now;
  const demo = deps.demo ?? false;
  const msg = (key: string, subs?: string | string[]) => browser.i18n?.getMessage(key, subs) || key;
  let running: Promise<PollReport> | null = null;

  const settings = () => loadSettings(browser.storage.local, demo);

  async function ensureAlarm(current?: FeedSettings): Promise<void> {
    const s = current ?? (await settings());
    const existing = await browser.alarms.get(ALARM_NAME);
    if (existing && existing.periodInMinutes === s.intervalMinutes) return;
    await browser.alarms.create(ALARM_NAME, { periodInMinutes: s.intervalMinutes, delayInMinutes: Math.min(1, s.intervalMinutes) });
  }

  async function updateBadge(): Promise<number> {
    const count = await unseenCount(db);
    const badge = browser.action ?? browser.browserAction;
    if (!badge) return count;
    await badge.setBadgeText({ text: badgeText(count) });
    if (count) await badge.setBadgeBackgroundColor?.({ color: '#1a5fb4' });
    return count;
  }

  async function notificationsAllowed(s: FeedSettings): Promise<boolean> {
    if (!s.notifications || !browser.notifications) return false;
    try {
      return await (browser.permissions as unknown as { contains(p: { permissions: string[] }): Promise<boolean> }).contains({ permissions: ['notifications'] });
    } catch {
      return false;
    }
  }

  /**
   * The poll's one notification. What is held from quiet hours is delivered here, on the first poll
   * after they end, not by an alarm of its own: the poll alarm already wakes the worker and survives
   * restarts, so there is no second schedule to keep right across setting changes, restarts and DST;
   * the cost is a wait of at most one poll interval. decideNotification says what to show and hold.
   */
  async function notify(s: FeedSettings, announced: FeedEntryRecord[]): Promise<void> {
    const stored = sanitizeHeld((await browser.storage.local.get(HELD_KEY))[HELD_KEY]);
    if (!announced.length && !stored.length) return;
    const held = stored.length ? (await db.feedEntries.bulkGet(stored as never[])).filter((e): e is FeedEntryRecord => !!e) : [];
    const decision = decideNotification({ announced, held, canNotify: await notificationsAllowed(s), quiet: s.quietHours, at: new Date(now()) });
    const plan = planNotification(decision.show, {
      manyTitle: (n) => msg('feeds_notifyMany', String(n)),
      more: (n) => msg('feeds_notifyMore', String(n)),
    });
    if (plan && browser.notifications) {
      const id = `pykala-feeds-${now()}`;
      try {
        await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icons/128.png'), title: plan.title, message: plan.message });
      } catch (error) {
        // Not shown: hold all it would have told, this poll's new entries too, for the next poll.
        await browser.storage.local.set({ [HELD_KEY]: [...decision.show].reverse().slice(-MAX_HELD).map(heldKeyOf) });
        throw error;
      }
      const targets = ((await browser.storage.local.get(TARGETS_KEY))[TARGETS_KEY] ?? {}) as Record<string, string | null>;
      const kept = Object.entries(targets).slice(-19);
      await browser.storage.local.set({ [TARGETS_KEY]: Object.fromEntries([...kept, [id, plan.url]]) });
    }
    // After the notification (when showing it failed, what it would have told is held, above).
    if (stored.length || decision.hold.length) await browser.storage.local.set({ [HELD_KEY]: decision.hold.map(heldKeyOf) });
  }

  async function recordChecked(report: PollReport): Promise<void> {
    const area = browser.storage.session;
    if (!area) return;
    const previous = ((await area.get(CHECKED_KEY))[CHECKED_KEY] ?? {}) as Record<string, number>;
    for (const r of report.results) if (r.outcome.kind !== 'skipped' && r.outcome.kind !== 'failed') previous[`${r.portal}|${r.feed}`] = report.finishedAt;
    await area.set({ [CHECKED_KEY]: previous });
  }

  /** One poll of every switched-on feed; concurrent calls share the poll already running. */
  function poll(force = false): Promise<PollReport> {
    running ??= (async () => {
      try {
        const s = await settings();
        const report = await pollAll({ db, fetch: deps.fetch, now, random: deps.random, concurrency: deps.concurrency, limits: deps.limits }, s, { force });
        const added = report.results.flatMap((r) => (r.outcome.kind === 'updated' ? r.outcome.added : []));
        if (added.length && deps.onEntriesAdded) await deps.onEntriesAdded(added);
        await recordChecked(report).catch(() => undefined);
        await updateBadge();
        await notify(s, report.announced).catch((e: unknown) => console.warn('pykala: notification failed', e));
        return report;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  async function status(s: FeedSettings): Promise<FeedStatus[]> {
    const checked = browser.storage.session ? (((await browser.storage.session.get(CHECKED_KEY))[CHECKED_KEY] ?? {}) as Record<string, number>) : {};
    return Promise.all(
      enabledFeeds(s).map(async ({ portal, feed }) => {
        const state = await db.feedState.get([portal.base, feed]);
        const entries = await db.feedEntries.where('[portal+feed]').equals([portal.base, feed]).count();
        return {
          portal: portal.base,
          portalName: portal.name,
          feed,
          lastSuccess: state?.lastSuccess ?? null,
          lastChecked: Math.max(checked[`${portal.base}|${feed}`] ?? 0, state?.lastSuccess ?? 0) || null,
          lastError: state?.lastError ?? null,
          lastErrorAt: state?.lastErrorAt ?? null,
          failures: state?.failures ?? 0,
          nextAttempt: state?.nextAttempt ?? 0,
          entries,
        };
      }),
    );
  }

  async function view(): Promise<FeedsView> {
    const s = await settings();
    let notificationsGranted = false;
    try {
      notificationsGranted = await (browser.permissions as unknown as { contains(p: { permissions: string[] }): Promise<boolean> }).contains({ permissions: ['notifications'] });
    } catch {
      notificationsGranted = false;
    }
    return { settings: s, status: await status(s), unseen: await unseenCount(db), demo, notificationsGranted };
  }

  async function save(next: FeedSettings): Promise<FeedSettings> {
    const saved = await saveSettings(browser.storage.local, next);
    await ensureAlarm(saved);
    return saved;
  }

  /** Adds a portal by any address of it. The host permission must already be granted (options asks). */
  async function addPortal(address: string, name?: string): Promise<AddPortalResult> {
    const candidates = candidateBases(address);
    if (!candidates) return { ok: false, reason: 'invalid-address' };
    const s = await settings();
    const known = knownPortalByBase(candidates[0]!);
    if (!(await ensurePermission(browser, candidates[0]!, false))) return { ok: false, reason: 'permission' };
    let base = known?.base ?? candidates[0]!;
    if (!known) {
      const verified = await verifyPortal(deps.fetch, address);
      if (!verified.ok) {
        if (!s.portals.some((p) => p.base === candidates[0])) await forgetPortal(browser, candidates[0]!).catch(() => undefined);
        return { ok: false, reason: verified.reason };
      }
      base = verified.base;
    }
    if (s.portals.some((p) => p.base === base)) return { ok: false, reason: 'exists' };
    const portal: WatchedPortal = {
      base,
      name: name?.trim() || known?.name || new URL(base).hostname,
      custom: !known,
      feeds: defaultFeeds(),
    };
    if (portal.custom) await registerPortalScript(browser, base);
    await save({ ...s, portals: [...s.portals, portal] });
    // Seed it now, so the first alarm already compares against what was there when it was added.
    await Promise.all(enabledFeeds({ ...s, portals: [portal] }).map(({ feed }) => pollFeed({ db, fetch: deps.fetch, now, random: deps.random }, s, base, feed, true)));
    return { ok: true, portal };
  }

  async function removePortal(base: string): Promise<void> {
    const s = await settings();
    await save({ ...s, portals: s.portals.filter((p) => p.base !== base), rules: s.rules.filter((r) => r.portal !== base) });
    // A poll that read the old settings would store the portal's entries (and feed state) after the
    // clean-up below: the badge would count a portal no longer watched, and a re-add would not seed.
    await running?.catch(() => undefined);
    // Its entries stay in the library (searchable), but stop counting as new.
    await markSeen(db, { portal: base });
    await db.feedState.where('[portal+feed]').between([base, ''], [base, '\uffff']).delete();
    await updateBadge();
    await forgetPortal(browser, base);
  }

  async function newGroups(): Promise<NewGroup[]> {
    const s = await settings();
    return groupNew(await unseenEntries(db), Object.fromEntries(s.portals.map((p) => [p.base, p.name])));
  }

  async function calendar(): Promise<{ upcoming: FeedEntryRecord[]; ics: string }> {
    const s = await settings();
    const watched = new Set(s.portals.map((p) => p.base));
    const meetings = (await db.feedEntries.toArray()).filter((e) => e.feed === 'meetings' && watched.has(e.portal));
    const upcoming = upcomingMeetings(meetings, s.rules, localIsoDate(new Date(now())));
    const ics = meetingsToIcs(upcoming, { calendarName: msg('feeds_icsName'), summary: (organ, title) => (organ ? `${organ}: ${title}` : title) }, new Date(now()));
    return { upcoming, ics };
  }

  /** A Dynasty page was opened: its feed entry (item or meeting) is no longer new. */
  async function pageSeen(page: ParsedPage): Promise<void> {
    const id = page.kind === 'meetingItem' ? page.itemId : page.kind === 'meeting' ? page.meetingId : null;
    if (!id || !page.portal) return;
    if (await markSeen(db, { portal: page.portal, entryId: id })) await updateBadge();
  }

  async function notificationClicked(id: string): Promise<void> {
    const targets = ((await browser.storage.local.get(TARGETS_KEY))[TARGETS_KEY] ?? {}) as Record<string, string | null>;
    if (!(id in targets)) return;
    const url = targets[id];
    await browser.tabs.create({ url: url ?? browser.runtime.getURL('/options.html#new') });
    await browser.notifications?.clear(id);
  }

  async function installed(reason: string): Promise<void> {
    const s = await settings();
    if (reason === 'install' && demo && !(await browser.storage.local.get('feeds.settings'))['feeds.settings']) await save(s);
    await ensureAlarm(s);
    await syncRegistrations(browser, s.portals.filter((p) => p.custom).map((p) => p.base)).catch(() => undefined);
    await updateBadge();
    if (reason === 'install') {
      if (!demo) await browser.runtime.openOptionsPage();
      else await poll(true);
    }
  }

  async function startup(): Promise<void> {
    const s = await settings();
    await ensureAlarm(s);
    await syncRegistrations(browser, s.portals.filter((p) => p.custom).map((p) => p.base)).catch(() => undefined);
    await updateBadge();
  }

  return {
    ensureAlarm,
    updateBadge,
    poll,
    view,
    save,
    addPortal,
    removePortal,
    newGroups,
    calendar,
    pageSeen,
    notificationClicked,
    installed,
    startup,
    async alarm(name: string): Promise<void> {
      if (name === ALARM_NAME) await poll(false);
    },
    async markSeen(target: { portal?: string | null; entryId?: string | null }): Promise<{ changed: number; unseen: number }> {
      const changed = await markSeen(db, target);
      const unseen = changed ? await updateBadge() : await unseenCount(db);
      return { changed, unseen };
    },
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
