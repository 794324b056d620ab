/**
 * The feed watcher's wiring in the service worker (thin: events to FeedService calls). Every listener
 * is added synchronously when the worker starts, so Chrome wakes the worker for alarms and clicks.
 */
import { browser } from 'wxt/browser';
import { database } from '../library/database';
import { createFeedService, type FeedBrowser, type FeedService } from './service';

let service: FeedService | null = null;

/** The one service of this worker, over the shared database. */
export function feedService(): FeedService {
  service ??= createFeedService({
    browser: browser as unknown as FeedBrowser,
    db: database(),
    fetch: (url, init) => fetch(url, init),
    demo: import.meta.env.PYKALA_DEMO === '1',
  });
  return service;
}

export function wireFeedListeners(): void {
  browser.alarms.onAlarm.addListener((alarm) => void feedService().alarm(alarm.name));
  browser.runtime.onInstalled.addListener(({ reason }) => void feedService().installed(reason));
  browser.runtime.onStartup.addListener(() => void feedService().startup());
  // Opening an item or meeting clears it from the badge. Observe only: the library answers page/seen.
  browser.runtime.onMessage.addListener((message: unknown) => {
    const m = message as { type?: string; payload?: { page?: Parameters<FeedService['pageSeen']>[0] } } | null;
    if (m?.type === 'page/seen' && m.payload?.page) void feedService().pageSeen(m.payload.page);
    return undefined;
  });
  // notifications is an optional permission: its API may only appear once granted.
  const onClick = (id: string) => void feedService().notificationClicked(id);
  const listen = () => {
    if (browser.notifications && !browser.notifications.onClicked.hasListener(onClick)) browser.notifications.onClicked.addListener(onClick);
  };
  listen();
  browser.permissions.onAdded.addListener(listen);
}
