/**
 * The page reader on small pages whose lines a reader can tell by eye: line breaks, segments, bold,
 * layout gaps, cells and captions, links, skipped content, data markers, deep nesting. In linkedom
 * (the CLI) and happy-dom, as the fixtures are.
 */
import { describe, expect, it } from 'vitest';
import { collapse, readPage } from '@/lib/dynasty/text';
import { happyDocument, linkedomDocument } from './helpers';

const page = (body: string) => `<html><head><title>t</title></head><body>${body}</body></html>`;

describe.each([
  ['linkedom', linkedomDocument],
  ['happy-dom', (html: string) => happyDocument(html)],
])('readPage in %s', (_, parse) => {
  const read = (body: string) => readPage(parse(page(body)));

  it('collapses source line breaks, tabs and no-break spaces inside a paragraph', () => {
    const { lines } = read('<p>  Korkeimman\nhallinto-oikeuden&nbsp;&nbsp; päätös\t</p>\n\n<p>\n</p>');
    expect(lines.map((l) => l.text)).toEqual(['Korkeimman hallinto-oikeuden päätös']);
  });

  it('splits a line into segments at element boundaries, and knows when all of it is bold', () => {
    const { lines } = read('<p><b>Päätös</b> Kaupunginhallitus hyväksyi</p><p><span style="font-weight: bold">Selostus</span></p>');
    expect(lines[0]).toMatchObject({ text: 'Päätös Kaupunginhallitus hyväksyi', first: 'Päätös', segments: 2, bold: false });
    expect(lines[1]).toMatchObject({ text: 'Selostus', first: 'Selostus', segments: 1, bold: true });
  });

  it('tells a label from its text by a layout gap', () => {
    const { lines } = read('<p>Päätösehdotus&nbsp;&nbsp;&nbsp;Kaupunginjohtaja Matti Meikäläinen</p><p>Päätös maa-aineslain mukaisesta luvasta</p>');
    expect(lines[0]).toMatchObject({ lead: 'Päätösehdotus', first: 'Päätösehdotus Kaupunginjohtaja Matti Meikäläinen' });
    expect(lines[1]!.lead).toBe('');
  });

  it('ends a line at <br> only when text follows, and reads a link across it as one text', () => {
    const { lines, anchors } = read('<p><a href="5.PDF">Kokousasia<br>\n PDF-<span>muodossa</span></a><br></p><p>Seuraava</p>');
    expect(lines.map((l) => l.text)).toEqual(['Kokousasia', 'PDF-muodossa', 'Seuraava']);
    expect(anchors).toEqual([{ href: '5.PDF', text: 'Kokousasia PDF-muodossa', line: 0, row: -1, inData: true, caption: null }]);
  });

  it('joins a link text from its pieces as the page shows it', () => {
    const { anchors } = read('<p><a href="a">Edellinen<b> asia</b></a> | <a href="b"> Seuraava&nbsp;\n<i>asia </i></a><a href="c">Liite</a><a href="d">1</a></p>');
    expect(anchors.map((a) => a.text)).toEqual(['Edellinen asia', 'Seuraava asia', 'Liite', '1']);
  });

  it('reads a table row as one line of cells, with the table caption', () => {
    const { lines } = read('<table><caption> Liitteet </caption><tr><td>1</td><td> </td><td>Selostus.pdf</td></tr><tr><th>Otsikko</th></tr></table>');
    expect(lines[0]).toMatchObject({ text: '1 Selostus.pdf', cells: ['1', 'Selostus.pdf'], cellCount: 3, caption: 'Liitteet', heading: false });
    expect(lines[1]).toMatchObject({ text: 'Otsikko', caption: 'Liitteet', heading: true });
    expect(lines[0]!.row).not.toBe(lines[1]!.row);
    expect(lines.some((l) => l.text.includes('Liitteet'))).toBe(false);
  });

  it('never reads scripts, styles or form controls as text', () => {
    const { lines } = read('<style>p { color: red }</style><p>Teksti<script>var a = "<p>ei</p>";</script> jatkuu<select><option>valinta</option></select></p>');
    expect(lines.map((l) => l.text)).toEqual(['Teksti jatkuu']);
  });

  it('marks what lies between the data markers', () => {
    const { lines, marker } = read('<p>Navigointi</p><!--DATA_BEGIN--><p>Sisältö</p><!--DATA_END--><p>Alatunniste</p>');
    expect(marker).toBe('static');
    expect(lines.map((l) => [l.text, l.inData])).toEqual([['Navigointi', false], ['Sisältö', true], ['Alatunniste', false]]);
  });

  it('lists images with the line they stand on', () => {
    const { images } = read('<p>Ensimmäinen</p><p><img src="liite.gif" alt="Liite"> Toinen</p>');
    expect(images).toEqual([{ src: 'liite.gif', alt: 'Liite', line: 1, row: -1 }]);
  });

  it('reads tables nested thousands deep without overflowing the stack', () => {
    const depth = 3000;
    const { lines } = read(`${'<table><tr><td>'.repeat(depth)}syvä${'</td></tr></table>'.repeat(depth)}<p>perässä</p>`);
    expect(lines.map((l) => l.text)).toEqual(['syvä', 'perässä']);
  });
});

describe('collapse', () => {
  it('turns every run of whitespace, the zero-width space included, into one space and trims', () => {
    expect(collapse('\u200b Päätös\u00a0\u00a0 \n\thyväksyttiin\u200b.\u3000')).toBe('Päätös hyväksyttiin .');
    expect(collapse('rivi\nrivi\r\nrivi')).toBe('rivi rivi rivi');
    expect(collapse(' \n ')).toBe('');
    expect(collapse('yksi väli')).toBe('yksi väli');
  });
});
