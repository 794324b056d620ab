/**
 * The labelled search corpus shared by the ranking test and bench/search.bench.ts.
 *
 * Real items: the text renderings of real Dynasty pages in tests/fixtures/dynasty/text (metadata read
 * off each page by hand). Synthetic items: realistic titles and decisions written for this test, their
 * bodies padded with sentences from the real fixtures, so the vocabulary is the portals' own. Query labels
 * were written by meaning ("what would a council member expect to find"), not by running the engine.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ItemRecord } from '../../../lib/db';
import type { MeetingItemPage, Outcome } from '../../../lib/dynasty/types';

const TEXT_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../fixtures/dynasty/text');

interface Spec {
  id: string;
  portal: string;
  organ: string;
  date: string;
  section: number | null;
  title: string;
  diary: string | null;
  outcome: Outcome | null;
  proposal?: string;
  decision?: string;
  body: string;
}

/** Real pages: file, then metadata as printed on the page. */
const REAL: [string, Omit<Spec, 'body' | 'id' | 'portal'> & { portal: string; id: string }][] = [
  ['kouvola-ep10-meetingitem-kh-2021-06-07-p210.txt', { portal: 'https://ep10.kouvola.fi', id: '2021-kh-210', organ: 'Kaupunginhallitus', date: '2021-06-07', section: 210, title: 'Loppuraportti Kouvolan strategiatoteutumasta valtuustokaudella 2017-2021', diary: '5767/00.01.02.00/2021', outcome: 'noted' }],
  ['ep10.kouvola.fi-meetingitem-2021463-5.txt', { portal: 'https://ep10.kouvola.fi', id: '2021463-5', organ: 'Rakennus- ja ympäristölautakunta', date: '2021-05-05', section: 122, title: 'Maa-aineslupahakemus kiinteistölle 286-447-10-3', diary: '4160/11.01.00.04/2021', outcome: 'as-proposed' }],
  ['hsy10.oncloudos.com-meetingitem-202041-2.txt', { portal: 'https://hsy10.oncloudos.com', id: '202041-2', organ: 'Hallitus', date: '2020-10-09', section: 109, title: 'Osavuosikatsaus 1.1.-31.8.2020 (esitys yhtymäkokoukselle, AK)', diary: null, outcome: 'as-proposed' }],
  ['luhva-d10julk.oncloudos.com-meetingitem-2023277-5.txt', { portal: 'https://luhva-d10julk.oncloudos.com', id: '2023277-5', organ: 'Aluehallitus', date: '2023-12-04', section: 198, title: 'Yhteistoimintaneuvottelujen tuloksen hyväksyminen osana vuoden 2024 talousarviovalmistelua ja talouden tasapainottamistoimenpiteitä', diary: '5146/01.04.00/2023', outcome: 'as-proposed' }],
  ['dynastyjulkaisu.parikkala.fi-meetingitem-2023250-1.txt', { portal: 'https://dynastyjulkaisu.parikkala.fi', id: '2023250-1', organ: 'Kunnanvaltuusto', date: '2023-06-26', section: 8, title: 'Työvoima- ja kotoutumispalveluiden järjestäminen vuoden 2025 alusta (TE2024)', diary: null, outcome: 'as-proposed' }],
  ['dynastyjulkaisu.parikkala.fi-meetingitem-2025433-2.txt', { portal: 'https://dynastyjulkaisu.parikkala.fi', id: '2025433-2', organ: 'Tekninen lautakunta', date: '2025-08-08', section: 45, title: 'Teknisen lautakunnan toiminnan järjestäminen toimikaudella 2025-2027', diary: '172/00.01.01/2021', outcome: 'as-proposed' }],
  ['orivesid10.oncloudos.com-meetingitem-202258-11.txt', { portal: 'https://orivesid10.oncloudos.com', id: '202258-11', organ: 'Kaupunginvaltuusto', date: '2022-02-21', section: 11, title: 'Valtuustoaloite selvityksen tekemisestä aseman puuterminaalitoiminnan siirtämisestä muuhun paikkaan', diary: null, outcome: 'noted' }],
  ['dynasty10.iitti.fi-meetingitem-2026362-7.txt', { portal: 'https://dynasty10.iitti.fi', id: '2026362-7', organ: 'Tarkastuslautakunta', date: '2026-02-09', section: null, title: 'Tarkastuslautakunnan vuoden 2025 arviointikertomus', diary: '57/00.03.01/2026', outcome: null }],
  ['dynasty.kittila.fi-meetingitem-20171518-1.txt', { portal: 'https://dynasty.kittila.fi', id: '20171518-1', organ: 'Kunnanvaltuusto', date: '2017-10-31', section: 80, title: 'Syytteessä olevien luottamushenkilöiden mahdollinen luottamustoimesta pidättäminen', diary: '47/00.02/2016', outcome: 'other' }],
  ['dynasty2.pyhajarvi.fi-static-KOKOUS-50-27.HTM.txt', { portal: 'https://dynasty2.pyhajarvi.fi', id: '50-27', organ: 'Kaupunginhallitus', date: '2003-03-24', section: 158, title: 'Ruhkalan koulun myynti', diary: null, outcome: 'as-proposed' }],
  ['aleksis.naantali.fi-meetingitem-2022376-1.txt', { portal: 'http://aleksis.naantali.fi/Dyn10Web', id: '2022376-1', organ: 'Tekninen lautakunta', date: '2022-10-26', section: 107, title: 'Kokouksen laillisuuden ja päätösvaltaisuuden toteaminen', diary: null, outcome: 'noted' }],
  ['eura10.oncloudos.com-meetingitem-2024269-1.txt', { portal: 'https://eura10.oncloudos.com', id: '2024269-1', organ: 'Kunnanhallitus', date: '2024-10-28', section: 282, title: 'Kokouksen laillisuus ja päätösvaltaisuus', diary: null, outcome: 'noted' }],
  ['forssa.oncloudos.com-meetingitem-2023579-1.txt', { portal: 'https://forssa.oncloudos.com', id: '2023579-1', organ: 'Sivistys- ja tulevaisuuslautakunta', date: '2023-09-26', section: 87, title: 'Kokouksen järjestäytyminen', diary: null, outcome: 'noted' }],
];

const K = 'https://ep10.kouvola.fi';
const E = 'https://eura10.oncloudos.com';
const P = 'https://dynastyjulkaisu.parikkala.fi';
/** Synthetic items: [id, portal, organ, date, §, diary, title, specific text, outcome]. */
const SYNTHETIC: [string, string, string, string, number, string | null, string, string, Outcome][] = [
  ['s1', K, 'Kaupunginhallitus', '2024-04-15', 101, '1201/12.00.01/2024', 'Kouluverkkoselvitys 2024–2030', 'Kouluverkkoselvityksessä tarkastellaan alakoulujen ja yläkoulujen oppilasmäärien kehitystä. Kouluverkon muutokset koskevat Valkealan ja Elimäen kouluja. Selvitys lähetetään lausunnolle.', 'as-proposed'],
  ['s2', K, 'Kasvatus- ja opetuslautakunta', '2024-05-21', 45, '1201/12.00.01/2024', 'Lausunto kouluverkkoselvityksestä', 'Lautakunta antaa lausunnon kouluverkkoselvityksestä. Kouluverkon supistaminen lisää koulukuljetuksia. Oppilasennusteet perustuvat väestöennusteeseen.', 'amended'],
  ['s3', K, 'Kaupunginvaltuusto', '2024-06-10', 60, '1201/12.00.01/2024', 'Kouluverkkoa koskeva päätös', 'Kaupunginvaltuusto päättää kouluverkosta. Valkealan koulu lakkautetaan ja oppilaat siirtyvät keskuskouluun syyslukukauden alusta. Äänestyksen jälkeen ehdotus hyväksyttiin äänin 33–26.', 'voted'],
  ['s4', K, 'Tekninen lautakunta', '2023-03-14', 31, '880/10.02.03/2023', 'Ratapihan alueen asemakaavan muutos', 'Kouvolan ratapiha-alueen asemakaavan muutoksella mahdollistetaan logistiikkakeskuksen laajentaminen. Kaavaehdotus asetetaan nähtäville.', 'as-proposed'],
  ['s5', K, 'Kaupunginhallitus', '2023-09-04', 210, '880/10.02.03/2023', 'Ratapihan meluselvitys ja meluntorjunta', 'Ratapihalla tehdyn meluselvityksen mukaan yöaikainen junaliikenne ylittää ohjearvot. Meluesteiden rakentaminen aloitetaan ensi vuonna.', 'as-proposed'],
  ['s6', K, 'Kaupunginhallitus', '2024-11-18', 300, '3300/02.02.00/2024', 'Talousarvio 2025 ja taloussuunnitelma 2025–2027', 'Talousarvioehdotus vuodelle 2025. Tuloveroprosentti pidetään ennallaan. Investointiohjelma sisältää koulujen ja päiväkotien peruskorjaukset.', 'amended'],
  ['s7', K, 'Kaupunginvaltuusto', '2024-12-09', 88, '3300/02.02.00/2024', 'Talousarvion 2025 hyväksyminen', 'Kaupunginvaltuusto hyväksyy talousarvion vuodelle 2025 ja taloussuunnitelman vuosille 2025–2027. Valtuusto äänesti tuloveroprosentista.', 'voted'],
  ['s8', K, 'Kaupunginhallitus', '2025-03-24', 95, '800/02.06.01/2025', 'Tilinpäätös 2024', 'Kaupungin tilinpäätös vuodelta 2024 osoittaa alijäämää. Tilikauden tulos heikkeni ennakoidusta.', 'as-proposed'],
  ['s9', E, 'Kunnanhallitus', '2024-02-12', 40, '150/00.01.02/2024', 'Päiväkoti Pikkukallion hankesuunnitelma', 'Uuden päiväkodin hankesuunnitelma hyväksytään. Päiväkotiin tulee kuusi ryhmää ja valmistuskeittiö. Rakentaminen alkaa keväällä.', 'as-proposed'],
  ['s10', E, 'Kunnanhallitus', '2024-08-19', 170, '150/00.01.02/2024', 'Päiväkodin urakkasopimuksen hyväksyminen', 'Päiväkodin rakennusurakka kilpailutettiin. Halvimman tarjouksen jätti Rakennus Oy. Urakkasopimus allekirjoitetaan.', 'as-proposed'],
  ['s11', E, 'Tekninen lautakunta', '2024-05-08', 22, null, 'Katuvalojen uusiminen LED-valaisimiin', 'Katuvalaistuksen elohopealamput vaihdetaan LED-valaisimiin. Energiansäästö on noin 60 prosenttia.', 'as-proposed'],
  ['s12', E, 'Tekninen lautakunta', '2024-09-11', 55, null, 'Talvikunnossapidon hankinta 2024–2027', 'Katujen talvikunnossapito ja auraus hankitaan kilpailuttamalla. Hankinta jaetaan kolmeen alueeseen.', 'as-proposed'],
  ['s13', E, 'Kunnanvaltuusto', '2023-11-27', 70, '600/00.00.01/2023', 'Kuntastrategia 2030', 'Kuntastrategiassa painotetaan elinvoimaa, hyvinvointia ja kestävää taloutta. Strategian mittarit seurataan vuosittain.', 'as-proposed'],
  ['s14', P, 'Kunnanhallitus', '2025-01-20', 5, '20/00.01.00/2025', 'Hyvinvointikertomus ja hyvinvointisuunnitelma', 'Laaja hyvinvointikertomus valtuustokaudelle. Ikääntyneiden palvelut ja nuorten syrjäytymisen ehkäisy ovat painopisteitä.', 'as-proposed'],
  ['s15', P, 'Kunnanvaltuusto', '2025-02-24', 12, null, 'Valtuustoaloite uimahallin rakentamisesta', 'Valtuutetut esittävät uimahallin rakentamista kunnan keskustaan. Aloite lähetetään kunnanhallituksen valmisteltavaksi.', 'returned'],
  ['s16', P, 'Tekninen lautakunta', '2025-04-10', 30, null, 'Vesihuollon kehittämissuunnitelma', 'Vesihuoltolaitoksen toiminta-alueen laajentaminen ja vesijohtojen saneeraus. Jätevedenpuhdistamon uusiminen.', 'as-proposed'],
  ['s17', K, 'Rakennus- ja ympäristölautakunta', '2023-06-07', 77, '2500/11.01.00/2023', 'Ympäristölupa kalliolouhokselle', 'Ympäristölupa myönnetään kalliokiviaineksen louhintaan ja murskaukseen. Melu- ja pölypäästöjä tarkkaillaan.', 'amended'],
  ['s18', K, 'Kaupunginhallitus', '2022-05-16', 140, null, 'Henkilöstöraportti 2021', 'Henkilöstöraportissa kuvataan henkilöstön määrä, sairauspoissaolot ja työhyvinvointi. Sairauspoissaolot lisääntyivät.', 'noted'],
  ['s19', K, 'Kaupunginhallitus', '2025-06-02', 180, '2100/00.00.00/2025', 'Oikaisuvaatimus rehtorin viran täyttämisestä', 'Oikaisuvaatimus koskee rehtorin viran täyttämistä. Vaatimus hylätään, koska valinta perustui ansioihin.', 'rejected'],
  ['s20', K, 'Kaupunginhallitus', '2024-10-07', 240, null, 'Joukkoliikenteen palvelutaso ja bussilinjat', 'Joukkoliikenteen palvelutasoa heikennetään vähän käytetyillä bussilinjoilla. Kutsuliikenne korvaa osan vuoroista.', 'tabled'],
  ['s21', E, 'Sivistyslautakunta', '2023-08-21', 60, null, 'Koulukuljetusten järjestäminen lukuvuonna 2023–2024', 'Koulukuljetukset järjestetään taksien ja linja-autojen avulla. Oppilaan koulumatka enintään kolme tuntia päivässä.', 'as-proposed'],
  ['s22', E, 'Sivistyslautakunta', '2024-01-22', 5, null, 'Kirjaston aukioloajat ja omatoimikirjasto', 'Pääkirjaston aukioloaikoja laajennetaan omatoimikirjastona iltaisin ja viikonloppuisin.', 'as-proposed'],
  ['s23', P, 'Kunnanhallitus', '2024-06-17', 120, null, 'Tuulivoimapuiston osayleiskaava', 'Tuulivoimapuiston osayleiskaavalla mahdollistetaan enintään 12 tuulivoimalan rakentaminen. Lausunnoissa esitettiin huolta maisemasta.', 'tabled'],
  ['s24', K, 'Kaupunginhallitus', '2023-02-06', 35, null, 'Elinvoimaohjelma ja yrityspalvelut', 'Elinvoimaohjelmalla tuetaan yritysten sijoittumista ja työpaikkojen syntymistä. Yrityspalvelut siirretään kehitysyhtiölle.', 'as-proposed'],
  ['s25', K, 'Kaupunginhallitus', '2025-08-25', 200, null, 'Asukaskyselyn tulokset', 'Asukaskyselyn mukaan asukkaat ovat tyytyväisiä kirjasto- ja liikuntapalveluihin, mutta tyytymättömiä katujen kuntoon.', 'noted'],
  ['s26', E, 'Kunnanhallitus', '2025-05-12', 90, null, 'Vanhusten palvelutalon myynti', 'Kunnan omistama palvelutalo myydään hyvinvointialueen siirryttyä vastaamaan vanhuspalveluista. Kauppahinta 1,2 miljoonaa euroa.', 'as-proposed'],
  ['s27', P, 'Tekninen lautakunta', '2023-10-05', 66, null, 'Jätehuoltomääräykset', 'Jätehuoltomääräysten uudistus: biojätteen erilliskeräys laajenee haja-asutusalueelle.', 'as-proposed'],
  ['s28', K, 'Kaupunginvaltuusto', '2021-06-21', 90, '5767/00.01.02.00/2021', 'Kaupunkistrategian loppuraportti valtuustolle', 'Kaupunginvaltuusto merkitsee tiedoksi loppuraportin kaupunkistrategian toteutumisesta valtuustokaudella 2017–2021.', 'noted'],
  ['s29', K, 'Kaupunginhallitus', '2022-11-07', 250, null, 'Sähkön hinnan nousu ja energiansäästötoimet', 'Energiakriisin vuoksi kaupungin kiinteistöissä lasketaan lämpötiloja ja katuvalaistusta vähennetään yöllä.', 'as-proposed'],
  ['s30', E, 'Kunnanvaltuusto', '2024-06-17', 35, null, 'Tilintarkastuskertomus ja vastuuvapaus 2023', 'Valtuusto myöntää tilivelvollisille vastuuvapauden tilikaudelta 2023 tilintarkastuskertomuksen perusteella.', 'as-proposed'],
  ['s31', P, 'Kunnanhallitus', '2023-04-03', 60, null, 'Sote-kiinteistöjen vuokrasopimukset hyvinvointialueelle', 'Terveysaseman ja vuodeosaston tilat vuokrataan hyvinvointialueelle. Vuokrasopimukset ovat kolmivuotisia.', 'as-proposed'],
  ['s32', K, 'Kasvatus- ja opetuslautakunta', '2023-12-12', 99, null, 'Varhaiskasvatuksen asiakasmaksut 2024', 'Varhaiskasvatuksen asiakasmaksut tarkistetaan. Sisarusalennus pysyy ennallaan.', 'as-proposed'],
];

/** The labelled queries: what a reader would type, and the item ids that must come up. */
export const LABELLED_QUERIES: { q: string; expect: string[] }[] = [
  { q: 'kouluverk', expect: ['s1', 's2', 's3'] },
  { q: 'kouluverkko', expect: ['s1', 's2', 's3'] },
  { q: 'kouluverkon lakkauttaminen', expect: ['s3'] },
  { q: 'ratapiha', expect: ['s4', 's5'] },
  { q: 'ratapihan melu', expect: ['s5'] },
  { q: 'talousarvio 2025', expect: ['s6', 's7'] },
  { q: 'tilinpäätös', expect: ['s8'] },
  { q: 'päiväkoti', expect: ['s9', 's10'] },
  { q: 'päiväkodin urakka', expect: ['s10'] },
  { q: 'katuvalot led', expect: ['s11'] },
  { q: 'talvikunnossapito', expect: ['s12'] },
  { q: 'auraus', expect: ['s12'] },
  { q: 'strategia', expect: ['s13', '2021-kh-210', 's28'] },
  { q: 'strategian loppuraportti', expect: ['2021-kh-210', 's28'] },
  { q: 'hyvinvointikertomus', expect: ['s14'] },
  { q: 'uimahalli', expect: ['s15'] },
  { q: 'vesihuolto', expect: ['s16'] },
  { q: 'ympäristölupa louhos', expect: ['s17'] },
  { q: 'maa-aineslupa', expect: ['2021463-5'] },
  { q: 'sairauspoissaolot', expect: ['s18'] },
  { q: 'oikaisuvaatimus', expect: ['s19'] },
  { q: 'bussilinjat', expect: ['s20'] },
  { q: 'koulukuljetus', expect: ['s21', 's2'] },
  { q: 'omatoimikirjasto', expect: ['s22'] },
  { q: 'tuulivoima', expect: ['s23'] },
  { q: 'elinvoima', expect: ['s24', 's13'] },
  { q: 'palvelutalon myynti', expect: ['s26'] },
  { q: 'koulun myynti', expect: ['50-27'] },
  { q: 'biojäte', expect: ['s27'] },
  { q: 'energiansäästö', expect: ['s29', 's11'] },
  { q: 'vastuuvapaus', expect: ['s30'] },
  { q: 'vuokrasopimus hyvinvointialue', expect: ['s31'] },
  { q: 'varhaiskasvatusmaksut', expect: ['s32'] },
  { q: 'osavuosikatsaus', expect: ['202041-2'] },
  { q: 'yhteistoimintaneuvottelut', expect: ['2023277-5'] },
  { q: 'kotoutumispalvelut', expect: ['2023250-1'] },
  { q: 'puuterminaali', expect: ['202258-11'] },
  { q: 'arviointikertomus', expect: ['2026362-7'] },
  { q: 'luottamustoimesta pidättäminen', expect: ['20171518-1'] },
  { q: 'tuloveroprosentti', expect: ['s6', 's7'] },
];

/** Identifier queries: exact routing. */
export const IDENTIFIER_QUERIES: { q: string; expect: string[] }[] = [
  { q: '5767/2021', expect: ['2021-kh-210', 's28'] },
  { q: '5767/00.01.02.00/2021', expect: ['2021-kh-210', 's28'] },
  { q: '§ 210', expect: ['2021-kh-210', 's5'] },
  { q: 'kh 210', expect: ['2021-kh-210', 's5'] },
  { q: 'rymla 122', expect: ['2021463-5'] },
  { q: '7.6.2021', expect: ['2021-kh-210'] },
  { q: '2024-11-18', expect: ['s6'] },
];

function fixtureBody(file: string): string {
  const raw = readFileSync(resolve(TEXT_DIR, file), 'utf8');
  const text = raw.slice(raw.indexOf('---') + 3);
  return text
    .split('\n')
    .filter((l) => !/RSS|Kokousasiat:|Kokoukset:|https?:\/\/|Edellinen asia|Dynasty tietopalvelu/.test(l))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

let fixtureSentences: string[] | null = null;
const PADDING_FILES = [
  'aleksis.naantali.fi-meetingitem-2022376-1.txt',
  'asikkalad10.oncloudos.com-meetingitem-2025544-1.txt',
  'askola.oncloudos.com-meetingitem-2026391-1.txt',
  'etela-savonhva.oncloudos.com-meetingitem-202369-1.txt',
  'eura10.oncloudos.com-meetingitem-2024269-1.txt',
  'eura10.oncloudos.com-meetingitem-2025302-1.txt',
  'forssa.oncloudos.com-meetingitem-2023579-1.txt',
  'poytakirjat.alavieska.fi-meetingitem-2025241-1.txt',
  'poytakirjat.haapajarvi.fi-meetingitem-2023148-1.txt',
  'www.karkkila.fi-static-20131701-1.HTM.txt',
  'www2.askola.fi-static-20202418-2.TXT.txt',
  'dynasty2.pyhajarvi.fi-static-2018890-2.HTM.txt',
  'dynastyjulkaisu.parikkala.fi-meetingitem-2025433-2.txt',
];

/** Sentences of the real procedural fixtures, the padding vocabulary of synthetic bodies. */
export function realSentences(): string[] {
  if (!fixtureSentences) {
    // Only procedural pages pad: the pages that labelled queries look for must not leak into the noise.
    fixtureSentences = PADDING_FILES.flatMap((file) =>
      fixtureBody(file)
        .split(/(?<=[.!?])\s+|\n+/)
        .map((s) => s.replace(/\s+/g, ' ').trim())
        .filter((s) => s.length > 40 && /[a-zäö]{4}/.test(s)),
    );
  }
  return fixtureSentences;
}

/** A small deterministic PRNG so corpora are the same on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pad(random: () => number, bytes: number): string {
  const sentences = realSentences();
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const s = sentences[Math.floor(random() * sentences.length)]!;
    out.push(s);
    size += s.length + 1;
  }
  return out.join(' ');
}

export function makeItem(spec: Spec, now = 1_700_000_000_000): ItemRecord {
  const page: MeetingItemPage = {
    kind: 'meetingItem',
    url: `${spec.portal}/cgi/DREQUEST.PHP?page=meetingitem&id=${spec.id}`,
    portal: spec.portal,
    generation: 'dynamic',
    warnings: [],
    itemId: spec.id,
    meetingId: spec.id.split('-')[0] ?? null,
    organ: spec.organ,
    documentKind: 'minutes',
    meetingDate: spec.date,
    section: spec.section,
    agendaNumber: null,
    title: spec.title,
    diaryNumber: spec.diary,
    classification: null,
    people: [],
    sections: [{ label: 'Selostus', kind: 'explanation', text: spec.body }],
    proposal: spec.proposal ?? null,
    decision: spec.decision ?? null,
    outcome: spec.outcome,
    history: [],
    attachments: [],
    links: { pdf: null, appeal: null, previous: null, next: null, meeting: null },
  };
  return {
    portal: spec.portal,
    itemId: spec.id,
    organ: spec.organ,
    meetingDate: spec.date,
    section: spec.section,
    title: spec.title,
    diaryNumber: spec.diary,
    outcome: spec.outcome,
    page,
    contentHash: null,
    readHash: null,
    firstSeen: now,
    lastSeen: now,
    lastRead: now,
  };
}

/** The labelled items: the real fixtures and the synthetic ones (bodies of a few kilobytes). */
export function labelledItems(bodyBytes = 3000): ItemRecord[] {
  const random = rng(42);
  const real = REAL.map(([file, meta]) => makeItem({ ...meta, body: fixtureBody(file) }));
  const synthetic = SYNTHETIC.map(([id, portal, organ, date, section, diary, title, text, outcome]) =>
    makeItem({
      id,
      portal,
      organ,
      date,
      section,
      diary,
      title,
      outcome,
      proposal: text,
      decision: outcome === 'as-proposed' ? 'Ehdotus hyväksyttiin.' : undefined,
      body: `${text} ${pad(random, bodyBytes - text.length)}`,
    }),
  );
  return [...real, ...synthetic];
}

const ORGANS = ['Kaupunginhallitus', 'Kaupunginvaltuusto', 'Kunnanhallitus', 'Kunnanvaltuusto', 'Tekninen lautakunta', 'Sivistyslautakunta', 'Rakennus- ja ympäristölautakunta', 'Tarkastuslautakunta', 'Aluehallitus', 'Hallitus'];
const PORTALS = ['https://ep10.kouvola.fi', 'https://eura10.oncloudos.com', 'https://dynastyjulkaisu.parikkala.fi', 'https://forssa.oncloudos.com', 'https://hsy10.oncloudos.com'];

/** Filler items built from the fixtures' sentences and title words: the noise around the labelled ones. */
export function fillerItems(count: number, bodyBytes = 3000, seed = 7): ItemRecord[] {
  const random = rng(seed);
  const sentences = realSentences();
  const titleWords = sentences.flatMap((s) => s.split(' ').filter((w) => /^[A-ZÄÖa-zäö-]{6,}$/.test(w)));
  const out: ItemRecord[] = [];
  for (let i = 0; i < count; i++) {
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const year = 2015 + Math.floor(random() * 11);
    const title = `${pick(titleWords)} ${pick(titleWords)} ${pick(titleWords)}`.toLowerCase().replace(/^./, (c) => c.toUpperCase());
    out.push(
      makeItem({
        id: `x${i}`,
        portal: pick(PORTALS),
        organ: pick(ORGANS),
        date: `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
        section: 1 + Math.floor(random() * 300),
        diary: random() < 0.5 ? `${1 + Math.floor(random() * 9000)}/00.01.0${Math.floor(random() * 9)}/${year}` : null,
        title,
        outcome: pick<Outcome>(['as-proposed', 'amended', 'noted', 'voted', 'tabled']),
        body: pad(random, bodyBytes),
      }),
    );
  }
  return out;
}
