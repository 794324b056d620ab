/**
 * Parsed pages written by hand from the real fixtures (not from the parser), so that the reading UI
 * is tested on its own: the Kouvola § 210 text (tests/fixtures/dynasty/text/kouvola-...-p210.txt),
 * the Espoo static minutes item 2013262303-5.HTM and the Espoo minutes 2017406946.HTM.
 */
import type { MeetingItemPage, MeetingPage, OrganMeetingsPage } from '@/lib/dynasty/types';

export function kouvola210(): MeetingItemPage {
  return {
    kind: 'meetingItem',
    url: 'http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11',
    portal: 'http://ep10.kouvola.fi',
    generation: 'dynamic',
    warnings: [],
    itemId: '2021587-11',
    meetingId: '2021587',
    organ: 'Kaupunginhallitus',
    documentKind: 'minutes',
    meetingDate: '2021-06-07',
    section: 210,
    agendaNumber: null,
    title: 'Loppuraportti Kouvolan strategiatoteutumasta valtuustokaudella 2017-2021',
    diaryNumber: '5767/00.01.02.00/2021',
    classification: null,
    people: [
      { role: 'preparer', name: 'kehittämispäällikkö Katariina Valtonen', phone: '020 615 7033', email: 'katariina.valtonen@kouvola.fi' },
      { role: 'contact', name: 'Apulaiskaupunginjohtaja Tuukka Forsell', phone: '020 615 9333', email: 'tuukka.forsell@kouvola.fi' },
    ],
    sections: [],
    proposal:
      'Kaupunginvaltuusto päättää merkitä tiedoksi loppuraportin Kouvolan strategiatoteutumasta valtuustokaudella 2017-2021',
    decision: 'Kaupunginhallitus hyväksyi päätösehdotuksen.',
    outcome: 'as-proposed',
    history: [],
    attachments: [],
    links: {
      pdf: 'http://ep10.kouvola.fi/kokous/2021587-11.PDF',
      appeal: 'http://ep10.kouvola.fi/kokous/2021587-0-1.PDF',
      previous: 'http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-10',
      next: 'http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-12',
      meeting: null,
    },
  };
}

export function espoo5(): MeetingItemPage {
  return {
    kind: 'meetingItem',
    url: 'http://espoo04.hosting.documenta.fi/kokous/2013262303-5.HTM',
    portal: 'http://espoo04.hosting.documenta.fi',
    generation: 'static',
    warnings: [],
    itemId: '2013262303-5',
    meetingId: '2013262303',
    organ: 'Ympäristölautakunta',
    documentKind: 'minutes',
    meetingDate: '2013-01-17',
    section: 5,
    agendaNumber: null,
    title: 'Korkeimman hallinto-oikeuden päätös Algol Chemicals Oy:n ympäristölupaa koskevassa valitusasiassa',
    diaryNumber: '3700/11.01.00/2011',
    classification: null,
    people: [{ role: 'preparer', name: 'Tukia Armi', phone: '(09) 816 24853', email: 'etunimi.sukunimi@espoo.fi' }],
    sections: [],
    proposal:
      'Ympäristölautakunta merkitsee tiedokseen Korkeimman hallinto-oikeuden 12.12.2012 antaman päätöksen, joka koskee valitusta Vaasan hallinto-oikeuden Algol Chemicals Oy:n nestemäisten kemikaalien varastoinnin ympäristöluvasta antamasta päätöksestä.',
    decision: 'Esittelijän ehdotus hyväksyttiin yksimielisesti.',
    outcome: 'as-proposed',
    history: [],
    attachments: [],
    links: {
      pdf: 'http://espoo04.hosting.documenta.fi/kokous/2013262303-5.PDF',
      appeal: 'http://espoo04.hosting.documenta.fi/kokous/2013262303-0-1.PDF',
      previous: 'http://espoo04.hosting.documenta.fi/kokous/2013262303-4.HTM',
      next: 'http://espoo04.hosting.documenta.fi/kokous/2013262303-6.HTM',
      meeting: null,
    },
  };
}

export function espooMeeting(): MeetingPage {
  const base = 'http://espoo04.hosting.documenta.fi/kokous';
  return {
    kind: 'meeting',
    url: `${base}/2017406946.HTM`,
    portal: 'http://espoo04.hosting.documenta.fi',
    generation: 'static',
    warnings: [],
    meetingId: '2017406946',
    organ: 'Kaupunginhallitus',
    documentKind: 'minutes',
    meetingDate: '2017-05-08',
    items: [
      { itemId: '2017406946-1', section: 156, title: 'Kokouksen laillisuuden ja päätösvaltaisuuden toteaminen', url: `${base}/2017406946-1.HTM`, hasAttachments: false },
      { itemId: '2017406946-2', section: 157, title: 'Pöytäkirjan tarkastajien valinta', url: `${base}/2017406946-2.HTM`, hasAttachments: false },
      { itemId: '2017406946-3', section: 158, title: 'Espoon kaupungin hallintosäännön hyväksyminen (Kv-asia) (Pöydälle 10.4.2017)', url: `${base}/2017406946-3.HTM`, hasAttachments: true },
    ],
    pdfUrl: `${base}/2017406946.PDF`,
    appealInstructions: [],
    attendees: [],
  };
}

export function espooOrgan(): OrganMeetingsPage {
  const base = 'http://espoo04.hosting.documenta.fi/kokous';
  return {
    kind: 'organMeetings',
    url: `${base}/TELIN-217668.HTM`,
    portal: 'http://espoo04.hosting.documenta.fi',
    generation: 'static',
    warnings: [],
    organ: 'Kaupunginhallitus',
    organId: '217668',
    meetings: [
      { meetingId: '2017409886', date: '2017-05-29', documentKind: 'agenda', url: `${base}/2017409886.HTM` },
      { meetingId: '2017406946', date: '2017-05-08', documentKind: 'minutes', url: `${base}/2017406946.HTM` },
      { meetingId: '2017400001', date: '2017-04-24', documentKind: 'minutes', url: `${base}/2017400001.HTM` },
    ],
  };
}

/** Hostile text in every field: markup and javascript: links must stay inert text. */
export function hostile(): MeetingItemPage {
  const page = kouvola210();
  return {
    ...page,
    title: '<img src=x onerror="window.__pwned=1">Otsikko',
    organ: '<script>window.__pwned=2</script>Hallitus',
    diaryNumber: '<b>1/2021</b>',
    people: [{ role: 'preparer', name: '<a href="javascript:alert(1)">Nimi</a>', phone: 'javascript:alert(1)', email: 'javascript:alert(1)//@x.fi' }],
    proposal: 'Ehdotus <img src=x onerror=alert(1)> teksti',
    decision: 'Päätös <img src=x onerror=alert(1)> teksti muutettu',
    outcome: 'amended',
    attachments: [
      { title: '<i>Liite</i> 1', url: 'javascript:alert(1)' },
      { title: 'Liite 2', url: 'data:text/html,<script>alert(1)</script>' },
    ],
    links: { pdf: 'javascript:alert(1)', appeal: 'JAVASCRIPT:alert(1)', previous: 'javascript:alert(1)', next: null, meeting: 'vbscript:x' },
  };
}
