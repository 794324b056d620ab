import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  absoluteUrl,
  cgiPageOf,
  dynastyIdOf,
  generationOf,
  isSafeHttpUrl,
  meetingIdOfItemId,
  portalOf,
} from '@/lib/dynasty/urls';

// Real URL shapes: from ../shared/docs/dynasty-format.md, the text fixtures' URL lines, the feed sample
// and ../shared/data/dynasty-portals.json.
describe('absoluteUrl', () => {
  const cases: [string, string | null, string | null][] = [
    ['../kokous/2021463.PDF', 'http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021463-5', 'http://ep10.kouvola.fi/kokous/2021463.PDF'],
    ['../kokous/2023148-0-1.PDF', 'https://poytakirjat.haapajarvi.fi/D10_Haapajarvi/cgi/DREQUEST.PHP?id=2023148-1&page=meetingitem', 'https://poytakirjat.haapajarvi.fi/D10_Haapajarvi/kokous/2023148-0-1.PDF'],
    ['DREQUEST.PHP?page=meetingitem&amp;id=2021463-6', 'http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021463-5', 'http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021463-6'],
    ['https://kokkola10.oncloudos.com:443/cgi/DREQUEST.PHP?page=meetingitem&id=20261273-7', null, 'https://kokkola10.oncloudos.com/cgi/DREQUEST.PHP?page=meetingitem&id=20261273-7'],
    ['http://ep10.kouvola.fi:80/cgi/DREQUEST.PHP?page=rss/meetingitems&show=30', null, 'http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=rss/meetingitems&show=30'],
    ['http://aleksis.naantali.fi:80/Dyn10Web/cgi/DREQUEST.PHP?page=rss/meetings&show=30', null, 'http://aleksis.naantali.fi/Dyn10Web/cgi/DREQUEST.PHP?page=rss/meetings&show=30'],
    ['http://example.fi:8080/kokous/1.HTM', null, 'http://example.fi:8080/kokous/1.HTM'],
    ['https://example.fi:80/kokous/1.HTM', null, 'https://example.fi:80/kokous/1.HTM'],
    ['2017406946-1.HTM', 'http://espoo04.hosting.documenta.fi/kokous/2017406946.HTM', 'http://espoo04.hosting.documenta.fi/kokous/2017406946-1.HTM'],
    ['  http://espoo04.hosting.documenta.fi/kokous/TELIMET.HTM \n', null, 'http://espoo04.hosting.documenta.fi/kokous/TELIMET.HTM'],
    ['../kokous/1.PDF', null, null],
    ['', 'https://a.fi/', null],
    ['http://[bad', null, null],
  ];
  it.each(cases)('%s on %s', (href, page, expected) => {
    expect(absoluteUrl(href, page)).toBe(expected);
  });
  it('keeps a javascript: link as written (it is isSafeHttpUrl that refuses it)', () => {
    const url = absoluteUrl('javascript:alert(1)', 'https://a.fi/cgi/DREQUEST.PHP');
    expect(isSafeHttpUrl(url)).toBe(false);
  });
});

describe('portalOf', () => {
  const cases: [string, string | null][] = [
    ['https://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021463-5', 'https://ep10.kouvola.fi'],
    ['http://ep10.kouvola.fi:80/cgi/DREQUEST.PHP?page=rss/meetingitems&show=30', 'http://ep10.kouvola.fi'],
    ['https://poytakirjat.alavieska.fi/D10_Alavieska/cgi/DREQUEST.PHP?id=2025241-1&page=meetingitem', 'https://poytakirjat.alavieska.fi/D10_Alavieska'],
    ['https://poytakirjat.alavieska.fi:443/D10_Alavieska/cgi/DREQUEST.PHP?page=rss/meetings&show=30', 'https://poytakirjat.alavieska.fi/D10_Alavieska'],
    ['http://aleksis.naantali.fi/Dyn10Web/cgi/DREQUEST.PHP?page=meetingitem&id=2022376-1', 'http://aleksis.naantali.fi/Dyn10Web'],
    ['https://dynastyjulkaisu.pohjoiskarjala.net/joensuu/cgi/DREQUEST.PHP?page=meeting_frames', 'https://dynastyjulkaisu.pohjoiskarjala.net/joensuu'],
    ['http://espoo04.hosting.documenta.fi/kokous/2017409886-4.HTM', 'http://espoo04.hosting.documenta.fi'],
    ['http://publish.kuopio.fi/Kuopio/kokous/2017455399.HTM', 'http://publish.kuopio.fi/Kuopio'],
    ['https://www.karkkila.fi/tiedostot/dynastia/dyn5web/kokous/20131701-1.HTM', 'https://www.karkkila.fi/tiedostot/dynastia/dyn5web'],
    ['http://www2.askola.fi/dynasty5/kokous/20202418-2.TXT', 'http://www2.askola.fi/dynasty5'],
    ['https://EXAMPLE.fi/Julkaisu/CGI/drequest.php?page=meeting&id=1', 'https://example.fi/Julkaisu'],
    ['https://example.fi/KOKOUS/1.HTM', 'https://example.fi'],
    ['https://example.fi:8443/d10/cgi/DREQUEST.PHP?page=meeting&id=1', 'https://example.fi:8443/d10'],
    ['http://127.0.0.1:41234/cgi/DREQUEST.PHP?page=meetingitem&id=2021-1', 'http://127.0.0.1:41234'],
    ['https://www.kouvola.fi/', null],
    ['https://example.fi/cgi/OTHER.PHP?page=meeting', null],
    ['javascript:alert(1)//kokous/1.HTM', null],
    ['not a url', null],
  ];
  it.each(cases)('%s', (url, expected) => {
    expect(portalOf(url)).toBe(expected);
  });

  it('returns every known base from dynasty-portals.json unchanged, in both generations', () => {
    const portals = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../data/dynasty-portals.json'), 'utf8')) as { base: string }[];
    expect(portals.length).toBeGreaterThan(100);
    for (const { base } of portals) {
      expect(portalOf(`${base}/cgi/DREQUEST.PHP?page=meetingitem&id=2021463-5`)).toBe(base);
      expect(portalOf(`${base}/kokous/2021463-5.HTM`)).toBe(base);
    }
  });
});

describe('dynastyIdOf', () => {
  const cases: [string, string | null][] = [
    ['https://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021463-5', '2021463-5'],
    ['https://asikkalad10.oncloudos.com/cgi/DREQUEST.PHP?id=2025544-1&page=meetingitem', '2025544-1'],
    ['https://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&amp;id=2021463-5', '2021463-5'],
    ['https://kokkola10.oncloudos.com:443/cgi/DREQUEST.PHP?page=meetingitem&id=20261273-7', '20261273-7'],
    ['https://a.fi/cgi/DREQUEST.PHP?page=meetings&id=200120', '200120'],
    ['https://a.fi/cgi/DREQUEST.PHP?page=meeting&ID=2021463', '2021463'],
    ['https://a.fi/cgi/DREQUEST.PHP?page=meeting_frames', null],
    ['https://a.fi/cgi/DREQUEST.PHP?page=meeting&id=', null],
    ['http://espoo04.hosting.documenta.fi/kokous/2017409886-4.HTM', '2017409886-4'],
    ['http://espoo04.hosting.documenta.fi/kokous/2017406946.HTM', '2017406946'],
    ['http://espoo04.hosting.documenta.fi/kokous/2017406946-0-1.PDF', '2017406946-0-1'],
    ['http://espoo04.hosting.documenta.fi/kokous/2017409886-4-1.PDF', '2017409886-4-1'],
    ['http://espoo04.hosting.documenta.fi/kokous/TELIN-200120.HTM', '200120'],
    ['http://espoo04.hosting.documenta.fi/kokous/TELIMET.HTM', null],
    ['http://dynasty2.pyhajarvi.fi/kokous/KOKOUS-50-27.HTM', 'KOKOUS-50-27'],
    ['http://www2.askola.fi/dynasty5/kokous/20202418-2.TXT', '20202418-2'],
    ['https://www.kouvola.fi/?id=5', null],
    ['', null],
  ];
  it.each(cases)('%s', (url, expected) => {
    expect(dynastyIdOf(url)).toBe(expected);
  });
});

describe('cgiPageOf and generationOf', () => {
  it('reads page= (any case, &amp;, broken double query) and the generation', () => {
    expect(cgiPageOf('https://a.fi/cgi/DREQUEST.PHP?id=1-1&amp;page=meetingitem')).toBe('meetingitem');
    expect(cgiPageOf('https://a.fi/cgi/DREQUEST.PHP?PAGE=RSS/MeetingItems&show=30')).toBe('rss/meetingitems');
    expect(cgiPageOf('https://asikkalad10.oncloudos.com:443/cgi/DREQUEST.PHP?page=rss/meetingitems&show=30?page=rss/meetings&show=30')).toBe('rss/meetingitems');
    expect(cgiPageOf('https://a.fi/kokous/1.HTM')).toBeNull();
    expect(generationOf('https://a.fi/x/cgi/DREQUEST.PHP?page=meeting')).toBe('dynamic');
    expect(generationOf('https://a.fi/x/kokous/1.HTM')).toBe('static');
    expect(generationOf('https://a.fi/x/')).toBeNull();
  });
});

describe('isSafeHttpUrl', () => {
  const cases: [string | null, boolean][] = [
    ['https://ep10.kouvola.fi/kokous/1.PDF', true],
    ['http://127.0.0.1:8080/cgi/DREQUEST.PHP', true],
    ['javascript:alert(1)', false],
    [' JavaScript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:x', false],
    ['file:///etc/passwd', false],
    ['/relative/path', false],
    ['', false],
    [null, false],
  ];
  it.each(cases)('%s', (url, expected) => {
    expect(isSafeHttpUrl(url)).toBe(expected);
  });
});

describe('meetingIdOfItemId', () => {
  it('takes the meeting part of an item id', () => {
    expect(meetingIdOfItemId('2021463-5')).toBe('2021463');
    expect(meetingIdOfItemId('2021463')).toBe('2021463');
    expect(meetingIdOfItemId('KOKOUS-50-27')).toBeNull();
    expect(meetingIdOfItemId(null)).toBeNull();
  });
});
