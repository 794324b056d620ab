/**
 * Runs on Dynasty pages only. The real match patterns (the known portals' Dynasty paths, plus loopback
 * in the demo build) are written into the manifest by wxt.config.ts, which keeps the 20 kB portal list
 * out of this script; the broad placeholder below never reaches a built manifest (the build checks).
 * Thin: detect the page, parse it, mount the reading UI, tell the background.
 */
export default defineContentScript({
  matches: ['*://*/cgi/DREQUEST.PHP*', '*://*/kokous/*'],
  runAt: 'document_idle',
  main() {
    document.documentElement.dataset.pykala = 'loaded';
  },
});
