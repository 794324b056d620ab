/**
 * The feed API as extension pages (options, popup) use it: messages to the background, plus the
 * permission prompts, which must run on the page itself during the user's click.
 */
import { browser } from 'wxt/browser';
import type { FeedEntryRecord } from '../db';
import { send } from '../send';
import { candidateBases, portalOrigins } from '../portals/custom';
import type { NewGroup } from './unseen';
import type { FeedSettings } from './settings';
import type { AddPortalResult, FeedsView } from './service';

export interface FeedsClient {
  state(): Promise<FeedsView>;
  save(settings: FeedSettings): Promise<FeedSettings>;
  /** Asks for the portal's host permission (in the click), then has the background verify and add it. */
  addPortal(address: string, name?: string): Promise<AddPortalResult>;
  removePortal(base: string): Promise<void>;
  pollNow(): Promise<{ checked: number; failed: number; added: number }>;
  /** Asks for (or gives back) the notifications permission. True when notifications can be shown. */
  setNotificationsPermission(enabled: boolean): Promise<boolean>;
  listNew(): Promise<NewGroup[]>;
  markSeen(target?: { portal?: string | null; entryId?: string | null }): Promise<void>;
  open(entry: FeedEntryRecord): Promise<void>;
  calendar(): Promise<{ upcoming: FeedEntryRecord[]; ics: string }>;
}

export const feedsClient: FeedsClient = {
  state: () => send('feeds/state', {}),
  save: (settings) => send('feeds/saveSettings', { settings }),
  async addPortal(address, name) {
    const bases = candidateBases(address);
    if (!bases) return { ok: false, reason: 'invalid-address' };
    // Chrome grants host permissions per host, so one prompt covers every candidate path prefix.
    let granted = false;
    try {
      granted = await browser.permissions.request({ origins: portalOrigins(bases[0]!) });
    } catch {
      granted = false;
    }
    if (!granted) return { ok: false, reason: 'permission' };
    return send('feeds/addPortal', { address, ...(name ? { name } : {}) });
  },
  async removePortal(base) {
    await send('feeds/removePortal', { base });
  },
  pollNow: () => send('feeds/pollNow', {}),
  async setNotificationsPermission(enabled) {
    try {
      if (enabled) return await browser.permissions.request({ permissions: ['notifications'] });
      await browser.permissions.remove({ permissions: ['notifications'] });
      return false;
    } catch {
      return false;
    }
  },
  listNew: () => send('feeds/listNew', {}),
  async markSeen(target = {}) {
    await send('feeds/markSeen', target);
  },
  async open(entry) {
    await send('feeds/markSeen', { portal: entry.portal, entryId: entry.entryId });
    if (entry.url && /^https?:\/\//i.test(entry.url)) await browser.tabs.create({ url: entry.url });
  },
  calendar: () => send('feeds/calendar', {}),
};
