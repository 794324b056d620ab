/**
 * The real text renderings of Dynasty pages from many municipalities (tests/fixtures/dynasty/text/)
 * are not HTML, but their lines show the heading, handling-line, diary-number and label variants
 * across portals. Each text becomes a minimal DOM (one <p> per line, no markup hints at all) and the
 * parser must read what a reader reads from the lines; values below were read from the texts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRounds, parseHeading } from '@/lib/dynasty/common';
import { parsePage } from '@/lib/dynasty/index';
import type { MeetingItemPage, MeetingPage } from '@/lib/dynasty/types';
import { DYNASTY, linkedomDocument, schemaErrors } from './helpers';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function load(file: string): { url: string; doc: Document; lines: string[] } {
  const raw = readFileSync(resolve(DYNASTY, 'text', file), 'utf8');
  const head = /^URL: (\S+)\n---\n/.exec(raw);
  // The Kouvola § 210 text has no URL line: it is the page the reconstruction rebuilds.
  const url = head ? head[1]! : 'http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11';
  const lines = (head ? raw.slice(head[0].length) : raw).split('\n');
  const html = `<html><body>${lines.map((l) => `<p>${esc(l)}</p>`).join('\n')}</body></html>`;
  return { url, doc: linkedomDocument(html), lines };
}

type Partial = Pick<MeetingItemPage, 'organ' | 'documentKind' | 'meetingDate' | 'section' | 'agendaNumber' | 'diaryNumber' | 'history'> & {
  title?: string | null;
  people?: string[];
  decision?: string | null;
  outcome?: MeetingItemPage['outcome'];
};

const R = (organ: string, date: string, section: number) => ({ organ, date, section });

const ITEMS: Record<string, Partial> = {
  'aleksis.naantali.fi-meetingitem-2022376-1.txt': { organ: 'Tekninen lautakunta', documentKind: 'minutes', meetingDate: '2022-10-26', section: 107, agendaNumber: null, diaryNumber: null, history: [], title: 'Kokouksen laillisuuden ja päätösvaltaisuuden toteaminen' },
  'asikkalad10.oncloudos.com-meetingitem-2025544-1.txt': { organ: 'Kunnanhallitus', documentKind: 'minutes', meetingDate: '2025-05-26', section: 112, agendaNumber: null, diaryNumber: null, history: [], title: 'Kokouksen laillisuus ja päätösvaltaisuus' },
  'askola.oncloudos.com-meetingitem-2026391-1.txt': { organ: 'Kunnanvaltuusto', documentKind: 'minutes', meetingDate: '2026-01-26', section: 1, agendaNumber: null, diaryNumber: null, history: [] },
  'dynasty.kittila.fi-meetingitem-20171518-1.txt': {
    organ: 'Kunnanvaltuusto', documentKind: 'minutes', meetingDate: '2017-10-31', section: 80, agendaNumber: null, diaryNumber: '47/00.02/2016',
    history: [R('S/Kunnanhallitus salainen', '2017-10-31', 6)], title: 'Syytteessä olevien luottamushenkilöiden mahdollinen luottamustoimesta pidättäminen',
  },
  'dynasty10.iitti.fi-meetingitem-2026362-7.txt': { organ: 'Tarkastuslautakunta', documentKind: 'agenda', meetingDate: '2026-02-09', section: null, agendaNumber: 9, diaryNumber: '57/00.03.01/2026', history: [], decision: null, outcome: null },
  'dynasty2.pyhajarvi.fi-static-2018890-2.HTM.txt': {
    organ: 'Maaseutulautakunta', documentKind: null, meetingDate: '2018-09-28', section: 11, agendaNumber: null, diaryNumber: '2065/00.02.04/2018', history: [],
    title: 'Kokouksen laillisuuden ja päätösvaltaisuuden toteaminen', decision: 'Todettiin kokous laillisesti koollekutsutuksi ja päätösvaltaiseksi.',
  },
  'dynasty2.pyhajarvi.fi-static-KOKOUS-50-27.HTM.txt': { organ: 'Kaupunginhallitus', documentKind: null, meetingDate: '2003-03-24', section: 158, agendaNumber: null, diaryNumber: null, history: [], outcome: 'as-proposed' },
  'dynastyjulkaisu.parikkala.fi-meetingitem-2023250-1.txt': {
    organ: 'Kunnanvaltuusto', documentKind: 'minutes', meetingDate: '2023-06-26', section: 8, agendaNumber: null, diaryNumber: null,
    history: [R('Khall', '2023-06-12', 127)], people: ['preparer|kunnanjohtaja Mervi Pääkkö|044 781 1250|mervi.paakko@parikkala.fi'],
  },
  'dynastyjulkaisu.parikkala.fi-meetingitem-2025433-2.txt': {
    organ: 'Tekninen lautakunta', documentKind: 'minutes', meetingDate: '2025-08-08', section: 45, agendaNumber: null, diaryNumber: '172/00.01.01/2021', history: [],
    title: 'Teknisen lautakunnan toiminnan järjestäminen toimikaudella 2025-2027', people: ['preparer|va. teknisen toimen osastopäällikkö Pauli Parkkima|0406531513|pauli.parkkima@parikkala.fi'],
  },
  'ep10.kouvola.fi-meetingitem-2021463-5.txt': {
    organ: 'Rakennus- ja ympäristölautakunta', documentKind: 'minutes', meetingDate: '2021-05-05', section: 122, agendaNumber: null, diaryNumber: '4160/11.01.00.04/2021', history: [],
    title: 'Maa-aineslupahakemus kiinteistölle 286-447-10-3',
    // "020?615" is how the stored text renders a no-break space inside the number: kept as printed.
    people: ['preparer|ympäristötarkastaja Ulla Rantanen|020?615 8085|ulla.rantanen2@kouvola.fi'],
  },
  'etela-savonhva.oncloudos.com-meetingitem-202369-1.txt': { organ: 'Aluehallitus', documentKind: 'minutes', meetingDate: '2023-04-12', section: 131, agendaNumber: null, diaryNumber: null, history: [], decision: 'Kokous todettiin lailliseksi ja päätösvaltaiseksi.', outcome: 'other' },
  'eura10.oncloudos.com-meetingitem-2024269-1.txt': { organ: 'Kunnanhallitus', documentKind: 'minutes', meetingDate: '2024-10-28', section: 282, agendaNumber: null, diaryNumber: null, history: [] },
  'eura10.oncloudos.com-meetingitem-2025302-1.txt': { organ: 'Kaavatoimikunta', documentKind: 'minutes', meetingDate: '2025-02-12', section: 1, agendaNumber: null, diaryNumber: null, history: [] },
  'forssa.oncloudos.com-meetingitem-2023579-1.txt': { organ: 'Sivistys- ja tulevaisuuslautakunta', documentKind: 'minutes', meetingDate: '2023-09-26', section: 87, agendaNumber: null, diaryNumber: null, history: [], title: 'Kokouksen järjestäytyminen' },
  'hsy10.oncloudos.com-meetingitem-202041-2.txt': { organ: 'Hallitus', documentKind: 'minutes', meetingDate: '2020-10-09', section: 109, agendaNumber: null, diaryNumber: null, history: [R('Hallitus', '2020-09-18', 94)] },
  'kouvola-ep10-meetingitem-kh-2021-06-07-p210.txt': {
    organ: 'Kaupunginhallitus', documentKind: 'minutes', meetingDate: '2021-06-07', section: 210, agendaNumber: null, diaryNumber: '5767/00.01.02.00/2021', history: [],
    title: 'Loppuraportti Kouvolan strategiatoteutumasta valtuustokaudella 2017-2021', outcome: 'as-proposed',
    people: [
      'preparer|kehittämispäällikkö Katariina Valtonen|020 615 7033|katariina.valtonen@kouvola.fi',
      'contact|Apulaiskaupunginjohtaja Tuukka Forsell|020 615 9333|tuukka.forsell@kouvola.fi',
      'contact|kehittämispäällikkö Katariina Valtonen|020 615 7033|katariina.valtonen@kouvola.fi',
      'contact|kehittämispäällikkö Liisa Kolari|020 615 8026|liisa.kolari@kouvola.fi',
    ],
  },
  'luhva-d10julk.oncloudos.com-meetingitem-2023277-5.txt': {
    organ: 'Aluehallitus', documentKind: 'minutes', meetingDate: '2023-12-04', section: 198, agendaNumber: null, diaryNumber: '5146/01.04.00/2023', history: [],
    decision: 'Aluehallitus hyväksyi päätösehdotuksen yksimielisesti.', outcome: 'as-proposed',
    people: ['preparer|Syrjänen Markus|null|null', 'preparer|Moisala Jarno|null|null', 'preparer|Pälve Matias|null|null', 'preparer|Sarekoski Kimmo|null|null'],
  },
  'orivesid10.oncloudos.com-meetingitem-202258-11.txt': {
    organ: 'Kaupunginvaltuusto', documentKind: 'minutes', meetingDate: '2022-02-21', section: 11, agendaNumber: null, diaryNumber: null,
    history: [R('Kaupunginvaltuusto', '2018-02-12', 12), R('Kaupunginhallitus', '2022-02-14', 36)],
  },
  'poytakirjat.alavieska.fi-meetingitem-2025241-1.txt': { organ: 'Kunnanvaltuusto', documentKind: 'minutes', meetingDate: '2025-11-17', section: 79, agendaNumber: null, diaryNumber: null, history: [], title: 'Laillisuus ja päätösvaltaisuus' },
  'poytakirjat.haapajarvi.fi-meetingitem-2023148-1.txt': { organ: 'Kaupunginhallitus', documentKind: 'minutes', meetingDate: '2023-09-12', section: 188, agendaNumber: null, diaryNumber: null, history: [] },
  'www.karkkila.fi-static-20131701-1.HTM.txt': {
    organ: 'Kaupunginhallitus', documentKind: 'minutes', meetingDate: '2013-11-25', section: 359, agendaNumber: null, diaryNumber: null, history: [],
    title: 'Kokouksen laillisuus ja päätösvaltaisuus', decision: 'Kokous todettiin laillisesti koolle kutsutuksi ja päätösvaltaiseksi.',
  },
  // One flattened paragraph: nothing can be told apart, so nothing may be claimed.
  'www2.askola.fi-static-20202418-2.TXT.txt': { organ: null, documentKind: null, meetingDate: null, section: null, agendaNumber: null, diaryNumber: null, history: [], title: null, decision: null },
};

describe.each(Object.entries(ITEMS))('%s', (file, want) => {
  it('reads organ, kind, date, §, diary number, history (and more where the text shows it)', () => {
    const { url, doc } = load(file);
    const page = parsePage(doc, url);
    expect(schemaErrors(page)).toBe('');
    expect(page.kind).toBe('meetingItem');
    const item = page as MeetingItemPage;
    const got: Record<string, unknown> = {};
    for (const key of Object.keys(want)) {
      got[key] = key === 'people' ? item.people.map((p) => `${p.role}|${p.name}|${p.phone}|${p.email}`) : item[key as keyof MeetingItemPage];
    }
    expect(got).toEqual(want);
  });
});

describe('publish.kuopio.fi static meeting index (text)', () => {
  it('lists the members and other attendees shown', () => {
    const { url, doc } = load('publish.kuopio.fi-static-2017455399.HTM.txt');
    const page = parsePage(doc, url) as MeetingPage;
    expect(page.kind).toBe('meeting');
    expect(page.meetingId).toBe('2017455399');
    expect(page.attendees.slice(0, 7)).toEqual([
      'Jouni Holopainen, puheenjohtaja', 'Eija Komulainen', 'Ismo Taavitsainen', 'Veikko Vilmi, varajäsen', 'Maaret Väänänen',
      'Mika Mäkäräinen, lakimies', 'Vesa Toivanen, kaupunginlakimies',
    ]);
  });
});

describe('line patterns seen across municipalities', () => {
  it('heading lines of every text parse to kind, date and number', () => {
    expect(parseHeading('Pöytäkirja 07.06.2021/Pykälä 210')).toMatchObject({ documentKind: 'minutes', date: '2021-06-07', section: 210 });
    expect(parseHeading('Esityslista 09.02.2026/Asianro 9')).toMatchObject({ documentKind: 'agenda', date: '2026-02-09', agendaNumber: 9, section: null });
    expect(parseHeading('Pöytäkirja 25.11.2013 Pykälä 359')).toMatchObject({ date: '2013-11-25', section: 359 });
    expect(parseHeading('Pöytäkirja 08.05.2017 klo 15:30 / Tarkastettu')).toMatchObject({ date: '2017-05-08', section: null });
    expect(parseHeading('Kokous 24.03.2003 / Pykälä 158Kaupunginhallitus § 158 24.03.2003')).toMatchObject({ documentKind: null, date: '2003-03-24', section: 158 });
    expect(parseHeading('Pöytäkirja 31.02.2021/Pykälä 1')).toBeNull();
    expect(parseHeading('Kuntalain 410/2015 121 §:n mukaan')).toBeNull();
  });

  it('handling lines: one-line and three-line forms, abbreviations, not prose', () => {
    // The lines and the indexes of all of them (findRounds reads the lines at the given indexes).
    const lines = (texts: string[]) => [texts.map((text) => ({ text, cells: [text], cellCount: 0, first: text, lead: '', segments: 1, bold: false, inData: true, caption: null, row: -1, heading: false })), texts.map((_, i) => i)] as const;
    const rounds = findRounds(...lines([
      'Kh 07.06.2021 § 210', 'KHALL 26.05.2025 § 112', 'Khall 28.10.2024 § 282', 'Aluehallitus 04.12.2023 § 198', 'SITLA 26.09.2023 § 87',
      'Tekninen lautakunta on kokouksessaan 21.1.2014 § 3 päättänyt', 'Kaupunginhallitus § 158 24.03.2003',
      'Maaseutulautakunta', '§ 11', '28.09.2018', 'KhallS 31.10.2017 § 6', 'Kunnanhallitus 31.13.2017 § 5',
    ]));
    expect(rounds.map(({ organ, date, section }) => `${organ} ${date} ${section}`)).toEqual([
      'Kh 2021-06-07 210', 'KHALL 2025-05-26 112', 'Khall 2024-10-28 282', 'Aluehallitus 2023-12-04 198', 'SITLA 2023-09-26 87',
      'Kaupunginhallitus 2003-03-24 158', 'Maaseutulautakunta 2018-09-28 11', 'KhallS 2017-10-31 6', 'Kunnanhallitus null 5',
    ]);
  });
});
