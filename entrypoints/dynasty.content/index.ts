/**
 * Runs on Dynasty pages only. The real match patterns (the known portals' Dynasty paths, plus loopback
 * in the demo build) are written into the manifest by wxt.config.ts, which keeps the 20 kB portal list
 * out of this script; the broad placeholder below never reaches a built manifest (the build checks).
 * Thin: detect the page, parse it, mount the reading UI, tell the background (see ./mount.tsx).
 * Kept small on purpose: no database, no search index in here (bench: content_script_bytes).
 */
import { mountReading } from './mount';

export default defineContentScript({
  // A placeholder, short because WXT hands these options to the script at run time (bytes in every page).
  matches: ['*://*/*'],
  // document_end: right after the DOM is parsed, so the panel appears without waiting for images.
  runAt: 'document_end',
  main(ctx) {
    document.documentElement.dataset.pykala = 'loaded';
    void mountReading(ctx);
  },
});
