/**
 * Writes what the demo portal serves for its reconstructed pages and feeds into
 * tests/fixtures/demo-portal/pages/, as the portal would serve them at http://ep10.kouvola.fi:80 (the
 * real Kouvola base, with the explicit port its feeds use), byte for byte: fixtures for parser tests.
 * `npm run demo:snapshot` rewrites them; tests/e2e/demo-portal.e2e.ts checks they are current.
 */
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FIXTURE_DIRS, startDemoPortal, type DemoPortal } from './server';

export const SNAPSHOT_HOST = 'ep10.kouvola.fi';
export const SNAPSHOT_DIR = resolve(FIXTURE_DIRS.portal, 'pages');

/** File name -> path served. */
export const SNAPSHOTS: Record<string, string> = {
  'meeting_frames.html': '/cgi/DREQUEST.PHP?page=meeting_frames',
  'meetings-02100.html': '/cgi/DREQUEST.PHP?page=meetings&id=02100',
  'meeting-2021587.html': '/cgi/DREQUEST.PHP?page=meeting&id=2021587',
  'meeting-2026362.html': '/cgi/DREQUEST.PHP?page=meeting&id=2026362',
  'meetingitem-2021587-1.generated.html': '/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-1',
  'rss-meetingitems.iso-8859-1.xml': '/cgi/DREQUEST.PHP?page=rss/meetingitems&show=30',
  'rss-meetings.iso-8859-1.xml': '/cgi/DREQUEST.PHP?page=rss/meetings&show=30',
  'rss-official_decisions.iso-8859-1.xml': '/cgi/DREQUEST.PHP?page=rss/official_decisions&show=30',
};

/** GET with a chosen Host header, so links come out as on the real portal. */
export function fetchAs(portal: DemoPortal, path: string, host = SNAPSHOT_HOST): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const req = request({ host: '127.0.0.1', port: portal.port, path, headers: { Host: host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolveBody(Buffer.concat(chunks)) : reject(new Error(`${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const portal = await startDemoPortal();
  try {
    mkdirSync(SNAPSHOT_DIR, { recursive: true });
    for (const [file, path] of Object.entries(SNAPSHOTS)) {
      writeFileSync(resolve(SNAPSHOT_DIR, file), await fetchAs(portal, path));
      console.log(`wrote ${file}`);
    }
  } finally {
    await portal.close();
  }
}
