/**
 * What the user chose about watching: portals, which of their feeds, how often, follow rules,
 * notifications and quiet hours. Kept in `storage.local` (small, survives restarts, read by the
 * service worker on every wake-up). Pure helpers plus a load/save pair over an injected storage area.
 */
import type { FeedName } from '../db';

export const FEED_NAMES: readonly FeedName[] = ['meetingitems', 'meetings', 'official_decisions'];

export interface WatchedPortal {
  /** The portal base URL, normalized (no trailing slash, no default port). */
  base: string;
  /** Municipality name as the user sees it. */
  name: string;
  /** Added by pasting an address (not in the known list): has its own runtime content-script registration. */
  custom: boolean;
  feeds: Record<FeedName, boolean>;
}

export type RuleKind = 'organ' | 'keyword' | 'diary' | 'portal';

export interface FollowRule {
  id: string;
  kind: RuleKind;
  /** Organ name, keyword or "quoted phrase", diary number; for `portal` rules the base URL. */
  value: string;
  /** Limits the rule to one portal; null = every watched portal. */
  portal: string | null;
}

export interface QuietHours {
  enabled: boolean;
  /** Local time "HH:MM". */
  start: string;
  end: string;
}

export interface FeedSettings {
  portals: WatchedPortal[];
  intervalMinutes: number;
  rules: FollowRule[];
  notifications: boolean;
  quietHours: QuietHours;
  /** The first-run choice was made (or skipped) on the options page. */
  firstRunDone: boolean;
}

export const DEFAULT_INTERVAL_MINUTES = 15;
/** Chrome and Firefox fire alarms at most about once a minute (Chrome 120+: 30 s); stay at or above 1. */
export const BROWSER_ALARM_FLOOR_MINUTES = 1;
export const MAX_INTERVAL_MINUTES = 24 * 60;

export const DEMO_PORTAL_BASE = 'http://127.0.0.1:8787';

export const SETTINGS_KEY = 'feeds.settings';

export function defaultFeeds(): Record<FeedName, boolean> {
  return { meetingitems: true, meetings: true, official_decisions: false };
}

export function defaultSettings(demo = false): FeedSettings {
  return {
    portals: demo ? [{ base: DEMO_PORTAL_BASE, name: 'Demo', custom: true, feeds: defaultFeeds() }] : [],
    intervalMinutes: DEFAULT_INTERVAL_MINUTES,
    rules: [],
    notifications: false,
    quietHours: { enabled: false, start: '22:00', end: '07:00' },
    firstRunDone: false,
  };
}

export function clampInterval(minutes: unknown): number {
  const n = typeof minutes === 'number' ? minutes : Number(minutes);
  if (!Number.isFinite(n)) return DEFAULT_INTERVAL_MINUTES;
  return Math.min(MAX_INTERVAL_MINUTES, Math.max(BROWSER_ALARM_FLOOR_MINUTES, Math.round(n)));
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Repairs whatever was stored (older versions, hand edits) into a valid settings object. */
export function sanitizeSettings(raw: unknown, demo = false): FeedSettings {
  const base = defaultSettings(demo);
  if (typeof raw !== 'object' || raw === null) return base;
  const r = raw as Partial<FeedSettings>;
  const portals = Array.isArray(r.portals)
    ? r.portals
        .filter((p): p is WatchedPortal => typeof p?.base === 'string' && p.base !== '')
        .map((p) => ({
          base: p.base,
          name: typeof p.name === 'string' && p.name ? p.name : p.base,
          custom: p.custom === true,
          feeds: { ...defaultFeeds(), ...(typeof p.feeds === 'object' && p.feeds ? p.feeds : {}) },
        }))
    : base.portals;
  const rules = Array.isArray(r.rules)
    ? r.rules.filter(
        (x): x is FollowRule =>
          typeof x?.id === 'string' && ['organ', 'keyword', 'diary', 'portal'].includes(x.kind) && typeof x.value === 'string' && x.value.trim() !== '',
      ).map((x) => ({ ...x, portal: typeof x.portal === 'string' ? x.portal : null }))
    : [];
  const q = r.quietHours;
  return {
    portals: dedupePortals(portals),
    intervalMinutes: clampInterval(r.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES),
    rules,
    notifications: r.notifications === true,
    quietHours: {
      enabled: q?.enabled === true,
      start: typeof q?.start === 'string' && HHMM.test(q.start) ? q.start : base.quietHours.start,
      end: typeof q?.end === 'string' && HHMM.test(q.end) ? q.end : base.quietHours.end,
    },
    firstRunDone: r.firstRunDone === true,
  };
}

function dedupePortals(portals: WatchedPortal[]): WatchedPortal[] {
  const seen = new Set<string>();
  return portals.filter((p) => (seen.has(p.base) ? false : (seen.add(p.base), true)));
}

/** The smallest surface of `storage.local` the watcher needs (fakeBrowser and the real one fit). */
export interface SettingsStore {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function loadSettings(store: SettingsStore, demo = false): Promise<FeedSettings> {
  const got = await store.get(SETTINGS_KEY);
  return sanitizeSettings(got[SETTINGS_KEY], demo);
}

export async function saveSettings(store: SettingsStore, settings: FeedSettings): Promise<FeedSettings> {
  const clean = sanitizeSettings(settings);
  await store.set({ [SETTINGS_KEY]: clean });
  return clean;
}

/** Every (portal, feed) pair that is switched on. */
export function enabledFeeds(settings: FeedSettings): { portal: WatchedPortal; feed: FeedName }[] {
  return settings.portals.flatMap((portal) => FEED_NAMES.filter((feed) => portal.feeds[feed]).map((feed) => ({ portal, feed })));
}

/** The address of one feed of a portal. `show` is how many entries Dynasty sends (up to 1000 reported). */
export function feedUrl(base: string, feed: FeedName, show = 50): string {
  return `${base}/cgi/DREQUEST.PHP?page=rss/${feed}&show=${show}`;
}
