/**
 * `wxt/browser` for content scripts (wxt.config.ts aliases it here for content-script builds only):
 * the browser's own promise-based API, Chrome MV3's `chrome` or Firefox's `browser`, without
 * webextension-polyfill. The polyfill's one job that matters in Chrome MV3 is letting onMessage
 * listeners return promises; a content script of ours never listens for messages, so the polyfill's
 * 10 kB in every Dynasty page bought nothing.
 */
import type { browser as PolyfilledBrowser } from 'wxt/browser';

type Api = typeof PolyfilledBrowser;
const g = globalThis as unknown as { browser?: Api; chrome?: Api };

export const browser: Api = (g.browser?.runtime?.id ? g.browser : g.chrome) as Api;
