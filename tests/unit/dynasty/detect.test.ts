/**
 * Page detection over real URL shapes (docs/dynasty-format.md, data/dynasty-portals.json, the text
 * fixtures' addresses): both generations, any base path prefix, `&amp;id=`, and from the DOM when
 * the address says nothing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPage } from '@/lib/dynasty/index';
import type { PageKind } from '@/lib/dynasty/types';
import { linkedomDocument, pageFixtures, readDecoded } from './helpers';

const cases: [string, PageKind, 'dynamic' | 'static' | null, string | null][] = [
  ['https://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021463-5', 'meetingItem', 'dynamic', 'https://ep10.kouvola.fi'],
  ['https://asikkalad10.oncloudos.com/cgi/DREQUEST.PHP?id=2025544-1&page=meetingitem', 'meetingItem', 'dynamic', 'https://asikkalad10.oncloudos.com'],
  ['https://poytakirjat.alavieska.fi/D10_Alavieska/cgi/DREQUEST.PHP?id=2025241-1&page=meetingitem', 'meetingItem', 'dynamic', 'https://poytakirjat.alavieska.fi/D10_Alavieska'],
  ['http://aleksis.naantali.fi/Dyn10Web/cgi/DREQUEST.PHP?page=meetingitem&amp;id=2022376-1', 'meetingItem', 'dynamic', 'http://aleksis.naantali.fi/Dyn10Web'],
  ['https://dynastyjulkaisu.pohjoiskarjala.net/joensuu/cgi/DREQUEST.PHP?page=meeting&id=2021463', 'meeting', 'dynamic', 'https://dynastyjulkaisu.pohjoiskarjala.net/joensuu'],
  ['https://espoo.oncloudos.com/cgi/DREQUEST.PHP?page=meetings&id=200120', 'organMeetings', 'dynamic', 'https://espoo.oncloudos.com'],
  ['https://espoo.oncloudos.com/cgi/DREQUEST.PHP?page=meeting_frames', 'organList', 'dynamic', 'https://espoo.oncloudos.com'],
  ['https://kokkola10.oncloudos.com/cgi/DREQUEST.PHP?page=official_frames', 'officialDecision', 'dynamic', 'https://kokkola10.oncloudos.com'],
  ['https://kokkola10.oncloudos.com/cgi/DREQUEST.PHP?page=official_handlers&id=12', 'officialDecision', 'dynamic', 'https://kokkola10.oncloudos.com'],
  ['https://kokkola10.oncloudos.com:443/cgi/DREQUEST.PHP?page=rss/meetingitems&show=10', 'feed', 'dynamic', 'https://kokkola10.oncloudos.com'],
  ['http://ep10.kouvola.fi:80/cgi/DREQUEST.PHP?page=rss/meetings&show=30', 'feed', 'dynamic', 'http://ep10.kouvola.fi'],
  ['https://a.fi/cgi/DREQUEST.PHP?alo=1&page=announcement_search&tzo=-120', 'unknown', 'dynamic', 'https://a.fi'],
  ['https://a.fi/cgi/DREQUEST.PHP?page=search', 'unknown', 'dynamic', 'https://a.fi'],
  ['http://espoo04.hosting.documenta.fi/kokous/TELIMET.HTM', 'organList', 'static', 'http://espoo04.hosting.documenta.fi'],
  ['http://espoo04.hosting.documenta.fi/kokous/TELIN-217668.HTM', 'organMeetings', 'static', 'http://espoo04.hosting.documenta.fi'],
  ['http://espoo04.hosting.documenta.fi/kokous/2017406946.HTM', 'meeting', 'static', 'http://espoo04.hosting.documenta.fi'],
  ['http://espoo04.hosting.documenta.fi/kokous/2017409886-4.HTM', 'meetingItem', 'static', 'http://espoo04.hosting.documenta.fi'],
  ['http://publish.kuopio.fi/Kuopio/kokous/2017455399.HTM', 'meeting', 'static', 'http://publish.kuopio.fi/Kuopio'],
  ['https://www.karkkila.fi/tiedostot/dynastia/dyn5web/kokous/20131701-1.HTM', 'meetingItem', 'static', 'https://www.karkkila.fi/tiedostot/dynastia/dyn5web'],
  ['http://dynasty2.pyhajarvi.fi/kokous/KOKOUS-50-27.HTM', 'meetingItem', 'static', 'http://dynasty2.pyhajarvi.fi'],
  ['http://www2.askola.fi/dynasty5/kokous/20202418-2.TXT', 'meetingItem', 'static', 'http://www2.askola.fi/dynasty5'],
  ['http://espoo04.hosting.documenta.fi/kokous/2017406946-0-1.PDF', 'unknown', 'static', 'http://espoo04.hosting.documenta.fi'],
  ['http://espoo04.hosting.documenta.fi/kokous/2017409886-4.PDF', 'unknown', 'static', 'http://espoo04.hosting.documenta.fi'],
  ['https://www.kouvola.fi/paatoksenteko/', 'unknown', null, null],
];

describe('detectPage from the address', () => {
  it.each(cases)('%s', (url, kind, generation, portal) => {
    expect(detectPage(url)).toMatchObject({ kind, generation, portal });
  });

  it('knows every listed portal base, dynamic and static', () => {
    const portals = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../data/dynasty-portals.json'), 'utf8')) as { base: string }[];
    for (const { base } of portals) {
      expect(detectPage(`${base}/cgi/DREQUEST.PHP?page=meetingitem&amp;id=2021463-5`)).toMatchObject({ kind: 'meetingItem', generation: 'dynamic', portal: base });
      expect(detectPage(`${base}/kokous/2021463.HTM`)).toMatchObject({ kind: 'meeting', generation: 'static', portal: base });
    }
  });
});

describe('detectPage from the DOM when the address says nothing', () => {
  const want: Record<string, PageKind> = {
    '2013262303-5.HTM': 'meetingItem',
    '2017406946.HTM': 'meeting',
    '2017409886-4.HTM': 'meetingItem',
    'TELIMET.HTM': 'organList',
    'TELIN-200120.HTM': 'organMeetings',
    'TELIN-217668.HTM': 'organMeetings',
    'ep10.kouvola.fi-meeting-2021587.html': 'meeting',
  };
  it.each(pageFixtures())('$name', ({ path, name }) => {
    const doc = linkedomDocument(readDecoded(path));
    const detection = detectPage(null, doc);
    expect(detection.kind).toBe(want[name] ?? 'meetingItem');
    expect(detection.generation).toBe(name.endsWith('.HTM') ? 'static' : 'dynamic');
    expect(detection.portal).toBeNull();
  });

  it('a page of another system is unknown', () => {
    expect(detectPage('https://example.com/', linkedomDocument('<html><body><h1>Hello</h1></body></html>')).kind).toBe('unknown');
  });
});
