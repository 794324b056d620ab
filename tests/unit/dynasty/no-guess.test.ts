/** The parser leaves a value null rather than reading it from something that is not that value. */
import { describe, expect, it } from 'vitest';
import { parsePage } from '@/lib/dynasty/index';
import type { MeetingItemPage, MeetingPage } from '@/lib/dynasty/types';
import { happyDocument, linkedomDocument } from './helpers';

const ITEM_URL = 'https://example.oncloudos.com/cgi/DREQUEST.PHP?page=meetingitem&id=20211-1';
const MEETING_URL = 'https://example.oncloudos.com/cgi/DREQUEST.PHP?page=meeting&id=20211';
const BODY = '<p><b>Talousarvio 2022</b></p><p>Päätös: Hyväksyttiin esityksen mukaisesti.</p><!--DATAEND-->';

function item(html: string, dom: (h: string) => Document): MeetingItemPage {
  return parsePage(dom(`<html><body>${html}</body></html>`), ITEM_URL) as MeetingItemPage;
}

describe.each([
  ['linkedom', linkedomDocument],
  ['happy-dom', (h: string) => happyDocument(h)],
])('organ before the heading (%s)', (_, dom) => {
  it('is not read from a navigation link or from chrome above the data marker', () => {
    const link = item(`<!--DATABEGIN--><p><a href="/">Etusivu</a></p><p>Pöytäkirja 07.06.2021/Pykälä 210</p>${BODY}`, dom);
    expect(link.organ).toBeNull();
    expect(link.meetingDate).toBe('2021-06-07');
    expect(link.section).toBe(210);
    const chrome = item(`<div>Kuntaportaali</div><!--DATABEGIN--><p>Pöytäkirja 07.06.2021/Pykälä 210</p>${BODY}`, dom);
    expect(chrome.organ).toBeNull();
    const meeting = parsePage(dom(`<html><body><div>Kuntaportaali</div><!--DATABEGIN--><p>Pöytäkirja 07.06.2021</p><!--DATAEND--></body></html>`), MEETING_URL) as MeetingPage;
    expect(meeting.kind).toBe('meeting');
    expect(meeting.organ).toBeNull();
  });

  it('takes the decision of this round, not of a later round printed below it without a separator', () => {
    const page = item(
      `<!--DATABEGIN--><p>Kaupunginhallitus</p><p>Pöytäkirja 07.06.2021/Pykälä 210</p><p><b>Talousarvio 2022</b></p>` +
        `<p>Kh 07.06.2021 § 210</p><p>Päätösehdotus:</p><p>Kaupunginhallitus hyväksyy talousarvion.</p>` +
        `<p>Päätös:</p><p>Hyväksyttiin.</p><p>Kaupunginvaltuusto 14.06.2021 § 50</p><p>Päätös:</p><p>Hylättiin.</p><!--DATAEND-->`,
      dom,
    );
    expect(page.decision).toBe('Hyväksyttiin.');
  });

  it('is still read from a plain text line right before the heading', () => {
    const page = item(`<!--DATABEGIN--><p>Kaupunginhallitus</p><p>Pöytäkirja 07.06.2021/Pykälä 210</p>${BODY}`, dom);
    expect(page.organ).toBe('Kaupunginhallitus');
  });
});
