/**
 * A Vite plugin that makes `<title>__MSG_key__</title>` of extension pages show the localized message:
 * it adds `<script src="/localize-title.js">` (public/) to the head of every HTML page. An external file,
 * because extension pages forbid inline scripts.
 */
import type { Plugin } from 'vite';

export function localizeTitle(): Plugin {
  return {
    name: 'pykala:localize-title',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes('__MSG_')) return html;
        return [{ tag: 'script', attrs: { src: '/localize-title.js' }, injectTo: 'head' }];
      },
    },
  };
}
