import { describe, expect, it } from 'vitest';
import type { FeedEntryRecord } from '@/lib/db';
import { backoffMs } from '@/lib/feeds/fetch';
import { escapeText, foldLine, meetingsToIcs, upcomingMeetings } from '@/lib/feeds/ics';
import { inQuietHours, planNotification } from '@/lib/feeds/notify';
import { ruleMatcher } from '@/lib/feeds/rules';
import { clampInterval, sanitizeSettings } from '@/lib/feeds/settings';
import { candidateBases, registrationId } from '@/lib/portals/custom';
import { searchKnownPortals } from '@/lib/portals/known';

function entry(over: Partial<FeedEntryRecord>): FeedEntryRecord {
  return {
    portal: 'https://ep10.kouvola.fi',
    feed: 'meetings',
    entryId: '2026100',
    organ: 'Kaupunginhallitus',
    date: '2026-12-01',
    title: 'Esityslista',
    url: 'https://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meeting&id=2026100',
    firstSeen: 0,
    seen: 0,
    matched: 1,
    ...over,
  };
}

describe('.ics export (RFC 5545)', () => {
  it('escapes text and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const line = `SUMMARY:${'ä'.repeat(60)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });

  it('exports upcoming meetings of followed organs as all-day events with CRLF lines', () => {
    const meetings = [
      entry({ entryId: '1', organ: 'Kaupunginhallitus', date: '2026-12-01' }),
      entry({ entryId: '2', organ: 'Tekninen lautakunta', date: '2026-11-30', title: 'Kokous; tärkeä, pitkä' }),
      entry({ entryId: '3', organ: 'Kaupunginhallitus', date: '2026-11-01' }),
      entry({ entryId: '4', organ: 'Kaupunginhallitus', date: '2026-12-02', url: 'javascript:alert(1)' }),
      entry({ entryId: '5', feed: 'meetingitems', date: '2026-12-03' }),
    ];
    expect(upcomingMeetings(meetings, [], '2026-11-27').map((m) => m.entryId)).toEqual(['2', '1', '4']);
    const followed = upcomingMeetings(meetings, [{ id: 'r', kind: 'organ', value: 'kaupunginhallitus', portal: null }], '2026-11-27');
    expect(followed.map((m) => m.entryId)).toEqual(['1', '4']);
    const ics = meetingsToIcs(upcomingMeetings(meetings, [], '2026-11-27'), { calendarName: 'Pykälä', summary: (o, t) => `${o}: ${t}` }, new Date(Date.UTC(2026, 10, 27, 8)));
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(ics).toContain('DTSTART;VALUE=DATE:20261130\r\nDTEND;VALUE=DATE:20261201');
    expect(ics).toContain('SUMMARY:Tekninen lautakunta: Kokous\\; tärkeä\\, pitkä');
    expect(ics).toContain('DTSTAMP:20261127T080000Z');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(ics).not.toContain('javascript:');
  });
});

describe('quiet hours and notification text', () => {
  const at = (h: number, m = 0) => new Date(2026, 10, 27, h, m);
  it('handles ranges across midnight and inside a day', () => {
    const night = { enabled: true, start: '22:00', end: '07:00' };
    expect(inQuietHours(night, at(23))).toBe(true);
    expect(inQuietHours(night, at(6, 59))).toBe(true);
    expect(inQuietHours(night, at(7))).toBe(false);
    expect(inQuietHours(night, at(12))).toBe(false);
    expect(inQuietHours({ enabled: true, start: '12:00', end: '13:00' }, at(12, 30))).toBe(true);
    expect(inQuietHours({ ...night, enabled: false }, at(23))).toBe(false);
  });

  it('names organ and title for one entry; never links a javascript: url', () => {
    const text = { manyTitle: (n: number) => `${n} uutta`, more: (n: number) => `+${n}` };
    expect(planNotification([entry({ feed: 'meetingitems', title: 'Ratapiha' })], text)).toMatchObject({ title: 'Kaupunginhallitus', message: 'Ratapiha', count: 1 });
    expect(planNotification([entry({ url: 'javascript:alert(1)' })], text)?.url).toBeNull();
    expect(planNotification([], text)).toBeNull();
  });
});

describe('follow rules', () => {
  const s = (title: string, organ: string | null = 'Kaupunginhallitus', portal = 'https://a.fi') => ({ portal, organ, title });
  it('keywords: inflection, gradation, phrases, stop words; scoped to a portal', () => {
    const kw = ruleMatcher([{ id: '1', kind: 'keyword', value: 'lautakunta', portal: null }]);
    expect(kw(s('Lautakunnan kokous'))).toBe(true);
    const phrase = ruleMatcher([{ id: '2', kind: 'keyword', value: '"uusi koulu"', portal: null }]);
    expect(phrase(s('Uusi koulurakennus Kuusankoskelle'))).toBe(true);
    expect(phrase(s('Lautakunta: uusi koulun suunnitelma'))).toBe(true);
    expect(phrase(s('Koulu ja uusi katu'))).toBe(false);
    const scoped = ruleMatcher([{ id: '3', kind: 'keyword', value: 'ratapiha', portal: 'https://b.fi' }]);
    expect(scoped(s('Ratapiha'))).toBe(false);
    expect(scoped(s('Ratapiha', null, 'https://b.fi'))).toBe(true);
    const stop = ruleMatcher([{ id: '4', kind: 'keyword', value: 'ja', portal: null }]);
    expect(stop(s('Talous ja hallinto'))).toBe(false);
  });

  it('organ names compare case- and space-insensitively; diary numbers by number and year', () => {
    const organ = ruleMatcher([{ id: '1', kind: 'organ', value: ' kaupunginhallitus ', portal: null }]);
    expect(organ(s('x'))).toBe(true);
    expect(organ(s('x', 'Kaupunginvaltuusto'))).toBe(false);
    const diary = ruleMatcher([{ id: '2', kind: 'diary', value: '5767/00.01.02.00/2021', portal: null }]);
    expect(diary(s('Asia 5767/2021'))).toBe(true);
    expect(diary({ ...s('Asia'), diaryNumber: '5767/00.01.02.00/2021' })).toBe(true);
    expect(diary(s('Asia 5768/2021'))).toBe(false);
    expect(ruleMatcher([])(s('anything'))).toBe(true);
  });
});

describe('portals', () => {
  it('finds known municipalities by name without diacritics, name starts first', () => {
    expect(searchKnownPortals('brando').map((p) => p.name)).toContain('Brändö');
    const espoo = searchKnownPortals('espoo');
    expect(espoo[0]?.name).toBe('Espoo');
    expect(searchKnownPortals('oncloudos').length).toBeGreaterThan(5);
  });

  it('derives candidate bases from any address', () => {
    expect(candidateBases('https://ep10.kouvola.fi:443/cgi/DREQUEST.PHP?page=meetingitem&id=2021463-5')).toEqual(['https://ep10.kouvola.fi']);
    expect(candidateBases('poytakirjat.haapajarvi.fi/D10_Haapajarvi/kokous/TELIMET.HTM')).toEqual(['https://poytakirjat.haapajarvi.fi/D10_Haapajarvi']);
    expect(candidateBases('https://dynastyjulkaisu.pohjoiskarjala.net/joensuu/index.html')).toEqual([
      'https://dynastyjulkaisu.pohjoiskarjala.net/joensuu',
      'https://dynastyjulkaisu.pohjoiskarjala.net',
    ]);
    expect(candidateBases('javascript:alert(1)')).toBeNull();
    expect(candidateBases('   ')).toBeNull();
    expect(registrationId('https://a.fi')).toMatch(/^pykala-portal-[0-9a-z]+$/);
    expect(registrationId('https://a.fi')).not.toBe(registrationId('https://b.fi'));
  });
});

describe('settings and backoff', () => {
  it('repairs stored settings and keeps the interval at or above the browser floor', () => {
    expect(clampInterval(0)).toBe(1);
    expect(clampInterval('abc')).toBe(15);
    expect(clampInterval(1e9)).toBe(1440);
    const repaired = sanitizeSettings({ portals: [{ base: 'https://a.fi', feeds: { meetings: false } }, { base: 'https://a.fi' }, { nope: 1 }], rules: [{ id: 'x', kind: 'bogus', value: 'v' }], quietHours: { enabled: true, start: '25:00' } });
    expect(repaired.portals).toEqual([{ base: 'https://a.fi', name: 'https://a.fi', custom: false, feeds: { meetingitems: true, meetings: false, official_decisions: false } }]);
    expect(repaired.rules).toEqual([]);
    expect(repaired.quietHours).toEqual({ enabled: true, start: '22:00', end: '07:00' });
    expect(sanitizeSettings(null, true).portals.map((p) => p.base)).toEqual(['http://127.0.0.1:8787']);
  });

  it('backs off exponentially with jitter, capped at 6 hours', () => {
    expect(backoffMs(1, () => 0.5)).toBe(120_000);
    expect(backoffMs(2, () => 0.5)).toBe(240_000);
    expect(backoffMs(1, () => 0)).toBe(90_000);
    expect(backoffMs(1, () => 1)).toBe(150_000);
    expect(backoffMs(50, () => 0.5)).toBe(6 * 3_600_000);
  });
});
