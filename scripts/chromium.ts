/** Debian Chromium with the extension loaded: the one set of flags for `npm run demo` and the browser tests. */

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** The flags measured to work on this machine kind (docs: toolchain.md). */
export function chromiumArgs(extDir: string, headed = false): string[] {
  return [
    ...(headed ? [] : ['--headless=new']),
    // Playwright adds --disable-extensions unless both of these are given.
    `--disable-extensions-except=${extDir}`,
    `--load-extension=${extDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    // Without these Chromium keeps trying Google's hosts, which this machine's closed network refuses.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    ...(process.env.PYKALA_E2E_LOG ? ['--enable-logging=stderr', '--v=0'] : []),
  ];
}
