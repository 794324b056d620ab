import { describe, expect, it } from 'vitest';
import { deriveNeighbours, moveSelection, nextAndPreviousMeeting, parseItemId } from '@/lib/reading/neighbours';
import { espoo5, espooMeeting, espooOrgan, kouvola210 } from './fixtures';

describe('neighbours', () => {
  it("follow the page's own Edellinen asia / Seuraava asia links first", () => {
    const n = deriveNeighbours(kouvola210());
    expect(n.previous).toEqual({ url: 'http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-10', source: 'page' });
    expect(n.next?.source).toBe('page');
    expect(n.up).toEqual({ url: 'http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meeting&id=2021587', source: 'derived' });
  });

  it('derive from the meeting list when the page has no links, and stop at its ends', () => {
    const item = { ...espoo5(), itemId: '2017406946-3', meetingId: '2017406946', links: { pdf: null, appeal: null, previous: null, next: null, meeting: null } };
    const n = deriveNeighbours(item, espooMeeting().items);
    expect(n.previous).toEqual({ url: 'http://espoo04.hosting.documenta.fi/kokous/2017406946-2.HTM', source: 'meeting' });
    expect(n.next).toBeNull();
    expect(n.up?.url).toBe('http://espoo04.hosting.documenta.fi/kokous/2017406946.HTM');
  });

  it('derive from the item id (agenda position) when nothing else is known', () => {
    const item = { ...kouvola210(), itemId: '2021587-1', links: { pdf: null, appeal: null, previous: null, next: null, meeting: null } };
    const n = deriveNeighbours(item);
    expect(n.previous).toBeNull();
    expect(n.next).toEqual({ url: 'http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-2', source: 'derived' });
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
    const { next, previous } = nextAndPreviousMeeting(espooOrgan().meetings, '2017-05-15');
    expect(next?.meetingId).toBe('2017409886');
    expect(previous?.meetingId).toBe('2017406946');
  });
});
