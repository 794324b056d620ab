/**
 * The service worker: wires browser events to lib/ functions and nothing else. Every listener is
 * registered synchronously at the top level, because Chrome stops idle workers and only wakes them
 * for listeners that exist right after start-up.
 */
import { browser } from 'wxt/browser';
import { dispatch, type Handlers } from '@/lib/messages';
import { libraryHandlers, wireSyncPull } from '@/lib/library/handlers';
import { libraryPath } from '@/lib/reading/library-link';
import { feedHandlers } from '@/lib/feeds/handlers';
import { feedService, wireFeedListeners } from '@/lib/feeds/background';

const handlers: Handlers = {
  ...libraryHandlers(),
  ...feedHandlers(feedService),
  'library/open': async (request) => (await browser.tabs.create({ url: browser.runtime.getURL(libraryPath(request) as '/library.html') }), { ok: true }),
};

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: unknown) => dispatch(handlers, message));
  wireFeedListeners();
  wireSyncPull();
});
