import { describe, expect, it } from 'vitest';
import { deriveNeighbours, moveSelection, nextAndPreviousMeeting, organMeetingsUp, parseItemId } from '@/lib/reading/neighbours';
import { espoo5, espooMeeting, espooOrgan, kouvola210 } from './fixtures';

describe('neighbours', () => {
  it("follow the page's own Edellinen asia / Seuraava asia links first", () => {
    const n = deriveNeighbours(kouvola210());
    expect(n.previous).toBe('http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-10');
    expect(n.next).toBe('http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-12');
    expect(n.up).toBe('http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meeting&id=2021587');
  });

  it('derive from the meeting list when the page has no links, and stop at its ends', () => {
    const item = { ...espoo5(), itemId: '2017406946-3', meetingId: '2017406946', links: { pdf: null, appeal: null, previous: null, next: null, meeting: null } };
    const n = deriveNeighbours(item, espooMeeting().items);
    expect(n.previous).toBe('http://espoo04.hosting.documenta.fi/kokous/2017406946-2.HTM');
    expect(n.next).toBeNull();
    expect(n.up).toBe('http://espoo04.hosting.documenta.fi/kokous/2017406946.HTM');
  });

  it('derive from the item id (agenda position) when nothing else is known', () => {
    const item = { ...kouvola210(), itemId: '2021587-1', links: { pdf: null, appeal: null, previous: null, next: null, meeting: null } };
    const n = deriveNeighbours(item);
    expect(n.previous).toBeNull();
    expect(n.next).toBe('http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-2');
  });

  it('never follow a javascript: link', () => {
    const item = { ...kouvola210(), itemId: null, meetingId: null, links: { pdf: null, appeal: null, previous: 'javascript:alert(1)', next: 'data:,x', meeting: 'javascript:x' } };
    expect(deriveNeighbours(item)).toEqual({ previous: null, next: null, up: null });
  });

  it('parse item ids', () => {
    expect(parseItemId('2021587-11')).toEqual({ meetingId: '2021587', position: 11 });
    expect(parseItemId('2021587')).toBeNull();
    expect(parseItemId('x-0')).toBeNull();
  });

  it('move a list selection within bounds', () => {
    expect(moveSelection(-1, 1, 3)).toBe(0);
    expect(moveSelection(-1, -1, 3)).toBe(2);
    expect(moveSelection(2, 1, 3)).toBe(2);
    expect(moveSelection(0, -1, 3)).toBe(0);
    expect(moveSelection(0, 1, 0)).toBe(-1);
  });

  it('find the next and previous meeting around today', () => {
    const meetings = espooOrgan().meetings;
    const { next, previous } = nextAndPreviousMeeting(meetings, '2017-05-15');
    expect(meetings[next]?.meetingId).toBe('2017409886');
    expect(meetings[previous]?.meetingId).toBe('2017406946');
    expect(nextAndPreviousMeeting(meetings, '2099-01-01').next).toBe(-1);
    expect(nextAndPreviousMeeting(meetings, '2000-01-01').previous).toBe(-1);
  });
});

describe('u on a meeting page: the organ\'s meetings page it links to', () => {
  const espoo = 'http://espoo04.hosting.documenta.fi/kokous';
  const kouvola = 'http://ep10.kouvola.fi/cgi/DREQUEST.PHP';

  it('finds the static TELIN-<organ>.HTM and the dynamic page=meetings link among the page links', () => {
    const staticLinks = [
      { href: `${espoo}/TELIMET.HTM`, textContent: 'Toimielimet' },
      { href: `${espoo}/TELIN-217668.HTM`, textContent: 'Kaupunginhallitus' },
      { href: `${espoo}/2017406946.PDF`, textContent: 'Pöytäkirja' },
      { href: `${espoo}/2017406946-1.HTM`, textContent: 'Kokouksen laillisuuden ja päätösvaltaisuuden toteaminen' },
    ];
    expect(organMeetingsUp(staticLinks, 'Kaupunginhallitus')).toBe(`${espoo}/TELIN-217668.HTM`);
    const dynamicLinks = [
      { href: `${kouvola}?page=meeting_frames`, textContent: 'Toimielimet' },
      { href: `${kouvola}?page=meetings&id=02100`, textContent: 'Kaupunginhallitus' },
      { href: `${kouvola}?page=meetingitem&id=2021587-1`, textContent: 'Kokouksen laillisuus' },
    ];
    expect(organMeetingsUp(dynamicLinks, null)).toBe(`${kouvola}?page=meetings&id=02100`);
  });

  it('with links to several organs takes the one named like the meeting\'s organ, and guesses nothing otherwise', () => {
    const links = [
      { href: `${kouvola}?page=meetings&id=02000`, textContent: 'Kaupunginvaltuusto' },
      { href: `${kouvola}?page=meetings&id=02100`, textContent: ' Kaupunginhallitus\n' },
      { href: `${kouvola}?page=meetings&id=02100`, textContent: 'Kokoukset' },
    ];
    expect(organMeetingsUp(links, 'kaupunginhallitus')).toBe(`${kouvola}?page=meetings&id=02100`);
    expect(organMeetingsUp(links, 'Tekninen lautakunta')).toBeNull();
    expect(organMeetingsUp(links, null)).toBeNull();
  });

  it('one organ page linked twice (a fragment, .html, a non-numeric id) is still one way up', () => {
    const links = [
      { href: 'https://static.example/kokous/TELIN-kh-2.html', textContent: 'Kaupunginhallitus' },
      { href: 'https://static.example/kokous/TELIN-kh-2.html#alku', textContent: 'Kaupunginhallitus' },
    ];
    expect(organMeetingsUp(links, null)).toBe('https://static.example/kokous/TELIN-kh-2.html');
  });

  it('none when the page has no such link; never a javascript: or look-alike link', () => {
    expect(organMeetingsUp([{ href: `${kouvola}?page=meeting_frames`, textContent: 'Toimielimet' }], 'Kaupunginhallitus')).toBeNull();
    expect(organMeetingsUp([{ href: 'javascript:alert(1)//TELIN-1.HTM', textContent: 'Kaupunginhallitus' }], 'Kaupunginhallitus')).toBeNull();
    expect(organMeetingsUp([{ href: `${kouvola}?page=meetings`, textContent: 'Kaupunginhallitus' }], 'Kaupunginhallitus')).toBeNull();
    expect(organMeetingsUp([{ href: 'http://evil.example/TELIN-1.HTM.exe', textContent: 'Kaupunginhallitus' }], 'Kaupunginhallitus')).toBeNull();
  });
});
