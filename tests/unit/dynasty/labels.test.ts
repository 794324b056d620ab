/**
 * When is a line a section label? The vocabulary is data (labels.ts); these cases pin the rules that
 * keep running text from being taken for a label, and the outcome phrases.
 */
import { describe, expect, it } from 'vitest';
import { labelOf } from '@/lib/dynasty/common';
import { parsePage } from '@/lib/dynasty/index';
import { outcomeOf } from '@/lib/dynasty/item';
import { DOCUMENT_KIND_WORDS, NUMBER_WORDS, OUTCOME_PHRASES, SECTION_LABELS } from '@/lib/dynasty/labels';
import { readPage } from '@/lib/dynasty/text';
import type { MeetingItemPage } from '@/lib/dynasty/types';
import { linkedomDocument } from './helpers';

function firstLine(html: string) {
  return readPage(linkedomDocument(`<html><body>${html}</body></html>`)).lines[0]!;
}

describe('labelOf', () => {
  const cases: [string, string | null, string | null][] = [
    ['<p>Päätös</p>', 'Päätös', ''],
    ['<p>Päätös:</p>', 'Päätös', ''],
    ['<p>Kaupunginhallituksen päätös:</p>', 'Kaupunginhallituksen päätös', ''],
    ['<p>Valmistelija: kehittämispäällikkö Katariina Valtonen</p>', 'Valmistelija', 'kehittämispäällikkö Katariina Valtonen'],
    ['<p><b>Päätösehdotus</b>&nbsp;&nbsp; Kaupunginjohtaja Jukka Mäkelä</p>', 'Päätösehdotus', 'Kaupunginjohtaja Jukka Mäkelä'],
    ['<p><span>Valmistelija</span><span>Hallintojohtaja Ben Weizmann</span></p>', 'Valmistelija', 'Hallintojohtaja Ben Weizmann'],
    ['<table><tr><td>Esittelijä</td><td>Puheenjohtaja</td></tr></table>', 'Esittelijä', 'Puheenjohtaja'],
    ['<p>Päätösehdotus&nbsp;&nbsp;&nbsp;Todetaan kokouksen laillisuus.</p>', 'Päätösehdotus', 'Todetaan kokouksen laillisuus.'],
    ['<p>Valmistelijat ja lisätiedot (etunimi.sukunimi@luvn.fi):</p>', 'Valmistelijat ja lisätiedot (etunimi.sukunimi@luvn.fi)', ''],
    ['<p>Kaupunginhallituksen ehdotus kaupunginvaltuustolle:</p>', 'Kaupunginhallituksen ehdotus kaupunginvaltuustolle', ''],
    ['<p>Kaupunginjohtaja: Kaupunginhallitus päättää laittaa koulun myyntiin.</p>', 'Kaupunginjohtaja', 'Kaupunginhallitus päättää laittaa koulun myyntiin.'],
    // Running text is not a label.
    ['<p>Päätös maa-aineslain 4 §:n mukaisesta lupahakemuksesta</p>', null, null],
    ['<p>Ehdotus loppuraportiksi on oheismateriaalina.</p>', null, null],
    ['<p>Kaupunginjohtaja Jukka Mäkelä</p>', null, null],
    ['<p>Päätöksen mukaan asia käsitellään uudelleen.</p>', null, null],
    // Swedish guesses.
    ['<p><span>Beslutsförslag</span> <span>Ordföranden konstaterar mötet lagligt.</span></p>', 'Beslutsförslag', 'Ordföranden konstaterar mötet lagligt.'],
    ['<p>Beslut</p>', 'Beslut', ''],
  ];
  it.each(cases)('%s', (html, label, rest) => {
    const hit = labelOf(firstLine(html));
    expect(hit?.label ?? null).toBe(label);
    expect(hit?.rest ?? null).toBe(rest);
  });

  it('every Swedish entry is marked unverified, the Finnish ones seen on pages are not, every entry has a kind', () => {
    for (const entry of SECTION_LABELS) expect(entry.kind).toBeTruthy();
    const entryOf = (label: string) => SECTION_LABELS.find((l) => new RegExp(`^(?:${l.match})$`, 'iu').test(label));
    for (const swedish of ['Beslut', 'Beslutsförslag', 'Föredragande', 'Beredare', 'Behandling', 'Motivering', 'Tidigare behandling', 'Verkställighet']) {
      expect(entryOf(swedish)?.unverified, swedish).toBe('sv');
    }
    for (const finnish of ['Päätös', 'Päätösehdotus', 'Esittelijä', 'Valmistelija', 'Käsittely', 'Selostus', 'Päätöshistoria', 'Tiedoksi']) {
      expect(entryOf(finnish), finnish).toBeDefined();
      expect(entryOf(finnish)?.unverified, finnish).toBeUndefined();
    }
    for (const list of [DOCUMENT_KIND_WORDS, NUMBER_WORDS, OUTCOME_PHRASES]) {
      for (const entry of list) if (/[åÅ]|Protokoll|Paragraf|Ärende|omröst|förslag|beslut/i.test(entry.match)) expect(entry.unverified, entry.match).toBe('sv');
    }
  });
});

describe('outcomeOf', () => {
  const cases: [string, string, ReturnType<typeof outcomeOf>][] = [
    ['Kaupunginhallitus hyväksyi päätösehdotuksen.', '', 'as-proposed'],
    ['Päätösehdotus hyväksyttiin yksimielisesti.', '', 'as-proposed'],
    ['Esittelijän ehdotus hyväksyttiin yksimielisesti.', '', 'as-proposed'],
    ['Kaupunginvaltuusto hyväksyi kaupunginhallituksen ehdotuksen yksimielisesti.', '', 'as-proposed'],
    ['Hyväksyttiin esityksen mukaisesti.', '', 'as-proposed'],
    ['Lautakunta hyväksyi esittelijän esityksen.', '', 'as-proposed'],
    ['Kaupunginhallitus hyväksyi päätösehdotuksen seuraavin muutoksin: ...', '', 'amended'],
    ['Kaupunginhallitus hyväksyi päätösehdotuksen äänin 7-4.', '', 'voted'],
    ['Kaupunginhallitus hyväksyi päätösehdotuksen.', 'Puheenjohtaja totesi, että on suoritettava äänestys.', 'voted'],
    ['Asia jätettiin pöydälle.', '', 'tabled'],
    ['Asia palautettiin valmisteluun.', '', 'returned'],
    ['Lautakunta merkitsi tiedoksi selvityksen.', '', 'noted'],
    ['Kaupunginhallitus hylkäsi päätösehdotuksen.', '', 'rejected'],
    ['Kokous todettiin lailliseksi ja päätösvaltaiseksi.', '', 'other'],
    ['Beslutsförslaget godkändes enhälligt.', '', 'as-proposed'],
    ['Ärendet bordlades.', '', 'tabled'],
  ];
  it.each(cases)('%s', (decision, handling, outcome) => {
    expect(outcomeOf(decision, handling)).toBe(outcome);
  });
});

describe('a page whose labels sit in one text run, apart by no-break spaces or a tab', () => {
  it('reads proposal and decision, and not running text starting with a label word', () => {
    const doc = linkedomDocument(`<html><body><!--DATABEGIN--><p>Kunnanhallitus</p><p>Pöytäkirja 28.10.2024/Pykälä 282</p>
      <p><b>Kokouksen laillisuus ja päätösvaltaisuus</b></p><p>Khall 28.10.2024 § 282</p>
      <p>Päätös maa-aineslain mukaisesta luvasta on annettu aiemmin.</p>
      <p>Päätösehdotus&nbsp;&nbsp;&nbsp; Puheenjohtaja toteaa kokouksen lailliseksi ja päätösvaltaiseksi.</p>
      <p>Päätös\tPäätösehdotus hyväksyttiin yksimielisesti.</p><!--DATAEND--></body></html>`);
    const page = parsePage(doc, 'https://eura10.oncloudos.com/cgi/DREQUEST.PHP?id=2024269-1&page=meetingitem') as MeetingItemPage;
    expect(page.sections.map((s) => s.label)).toEqual(['Päätösehdotus', 'Päätös']);
    expect(page.proposal).toBe('Puheenjohtaja toteaa kokouksen lailliseksi ja päätösvaltaiseksi.');
    expect(page.decision).toBe('Päätösehdotus hyväksyttiin yksimielisesti.');
    expect(page.outcome).toBe('as-proposed');
  });
});
