/**
 * The demo portal: a local Dynasty portal served from fixtures the way live servers serve it.
 *
 *   <prefix>/cgi/DREQUEST.PHP?page=meetingitem&id=<meetingId>-<n>   UTF-8 (reconstructed item pages)
 *   <prefix>/cgi/DREQUEST.PHP?page=meeting&id= | meetings&id= | meeting_frames   UTF-8 (reconstructed)
 *   <prefix>/cgi/DREQUEST.PHP?page=rss/meetingitems|meetings|official_decisions&show=N   ISO-8859-1
 *   <prefix>/kokous/<file>.HTM   the real Espoo static pages, windows-1252, byte-exact
 *   <prefix>/kokous/<file>.PDF   a small placeholder PDF
 *   /other.html                  a page of some other system (the extension must not run there)
 *   /__demo/publish?organ=&date=&title=[&id=]   publish a new item (manual use)
 *   /__demo/fault?feed=&fault=[&prefix=]        make a feed fail (fault=none clears)
 *   /__demo/requests                            request counters as JSON
 *
 * Any path prefix answers the same (`/a/cgi/DREQUEST.PHP` and `/b/cgi/DREQUEST.PHP` are two portals
 * with the same content), so one server can stand in for many portals. `&amp;id=` works like `&id=`
 * (some pages double-escape their links).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { FEED_NAMES, latin1Bytes, renderFeed, type FeedItem, type FeedName } from './feeds';
import {
  byDateDesc,
  dynastyDate,
  escapeHtml,
  renderMeeting,
  renderMeetingFrames,
  renderMeetings,
  renderNotFound,
  renderGeneratedItem,
  type DemoMeeting,
  type DemoMeetingItem,
  type DemoPortalData,
  type PublishEntry,
} from './pages';

export type { FeedName } from './feeds';
export type { PublishEntry } from './pages';

const ROOT = resolve(import.meta.dirname, '..');
export const FIXTURE_DIRS = {
  portal: resolve(ROOT, 'tests/fixtures/demo-portal'),
  reconstructed: resolve(ROOT, 'tests/fixtures/dynasty/reconstructed'),
  staticPages: resolve(ROOT, 'tests/fixtures/dynasty/static-espoo'),
};

/**
 * How a feed can fail. `slow` answers after `delayMs` (default 30 s: longer than any sane fetch
 * timeout); `huge` sends a 20 MB well-formed feed; `wrong-charset` sends UTF-8 bytes under the
 * iso-8859-1 declaration.
 */
export type FeedFault = '500' | '404' | 'html' | 'malformed' | 'empty' | 'slow' | 'huge' | 'wrong-charset';
export const FEED_FAULTS: readonly FeedFault[] = ['500', '404', 'html', 'malformed', 'empty', 'slow', 'huge', 'wrong-charset'];

export interface FaultOptions {
  /** Only this portal (path prefix such as `/p3`, `''` for the root); every portal when omitted. */
  prefix?: string;
  /** For `slow`: how long to wait before answering. */
  delayMs?: number;
}

export interface DemoPortalOptions {
  port?: number;
  host?: string;
  /**
   * Send ETag / Last-Modified on feeds and answer 304 to conditional requests. Off by default:
   * whether live Dynasty feeds do this is unknown, so clients must cope without.
   */
  conditional?: boolean;
}

export interface PublishedItem {
  id: string;
  /** Path of the item page, relative to a portal base: `/cgi/DREQUEST.PHP?page=meetingitem&id=...`. */
  path: string;
}

/** Requests counted per key: `<path>?page=<page>` for CGI requests, the path otherwise. */
export class RequestCounters {
  readonly byPath = new Map<string, number>();
  total = 0;

  add(key: string): void {
    this.total++;
    this.byPath.set(key, (this.byPath.get(key) ?? 0) + 1);
  }

  /** Requests whose key contains `match` (all when omitted), e.g. `count('page=rss/')`. */
  count(match?: string | RegExp): number {
    if (match === undefined) return this.total;
    let n = 0;
    for (const [key, value] of this.byPath) {
      if (typeof match === 'string' ? key.includes(match) : match.test(key)) n += value;
    }
    return n;
  }

  reset(): void {
    this.byPath.clear();
    this.total = 0;
  }

  toJSON(): Record<string, number> {
    return { total: this.total, ...Object.fromEntries(this.byPath) };
  }
}

export interface DemoPortal {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
  publishItem(entry: PublishEntry): PublishedItem;
  setFeedFault(feed: FeedName, fault: FeedFault | null, options?: FaultOptions): void;
  requests: RequestCounters;
}

export function loadPortalData(): DemoPortalData {
  const raw = JSON.parse(readFileSync(resolve(FIXTURE_DIRS.portal, 'portal.json'), 'utf8')) as DemoPortalData;
  return { organisation: raw.organisation, organs: raw.organs, meetings: raw.meetings, officialDecisions: raw.officialDecisions };
}

/** The reconstructed item page file for an id, whichever host's file it is. */
function reconstructedItemFile(id: string): string | null {
  if (!existsSync(FIXTURE_DIRS.reconstructed)) return null;
  const suffix = `-meetingitem-${id}.html`.toLowerCase();
  const name = readdirSync(FIXTURE_DIRS.reconstructed)
    .sort()
    .find((f) => f.toLowerCase().endsWith(suffix));
  return name ? resolve(FIXTURE_DIRS.reconstructed, name) : null;
}

function staticFile(name: string): string | null {
  if (!existsSync(FIXTURE_DIRS.staticPages) || !/^[\w.-]+$/.test(name)) return null;
  const found = readdirSync(FIXTURE_DIRS.staticPages).find((f) => f.toLowerCase() === name.toLowerCase());
  return found ? resolve(FIXTURE_DIRS.staticPages, found) : null;
}

/** A minimal valid one-page PDF that names the file it stands in for. */
export function placeholderPdf(name: string): Buffer {
  const text = `Pykala demo portal: placeholder for ${name.replace(/[^\w.-]/g, '')}`;
  const stream = `BT /F1 14 Tf 40 780 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const OTHER_PAGE = `<!DOCTYPE html>
<html lang="fi"><head><meta charset="utf-8"><title>Jokin muu sivusto</title></head>
<body><h1>Jokin muu sivusto</h1><p>Tämä sivu ei ole Dynasty-portaali. Pykälä ei toimi täällä.</p></body></html>
`;

export async function startDemoPortal(options: DemoPortalOptions = {}): Promise<DemoPortal> {
  const host = options.host ?? '127.0.0.1';
  const data = structuredClone(loadPortalData());
  const requests = new RequestCounters();
  /** Published entries, newest first, ahead of the fixture items in the meetingitems feed. */
  const published: { meeting: DemoMeeting; item: DemoMeetingItem; html?: string; body: string[] }[] = [];
  const faults = new Map<string, { fault: FeedFault; delayMs: number }>();
  const timers = new Set<NodeJS.Timeout>();
  let nextMeetingSeq = 900;

  const organByName = (name: string) => data.organs.find((o) => o.name === name);

  function publishItem(entry: PublishEntry): PublishedItem {
    const date = dynastyDate(entry.date);
    const kind = entry.kind ?? 'Esityslista';
    let organ = organByName(entry.organ);
    if (!organ) {
      organ = { id: String(9000 + data.organs.length), name: entry.organ, abbreviation: entry.organ };
      data.organs.push(organ);
    }
    const [idMeeting, idN] = entry.id ? splitItemId(entry.id) : [null, null];
    let meeting = idMeeting
      ? data.meetings.find((m) => m.id === idMeeting)
      : data.meetings.find((m) => m.organId === organ.id && m.date === date && m.kind === kind);
    if (!meeting) {
      meeting = { id: idMeeting ?? `${date.slice(-4)}${nextMeetingSeq++}`, organId: organ.id, date, kind, items: [] };
      data.meetings.push(meeting);
    }
    const n = idN ?? Math.max(0, ...meeting.items.map((i) => i.n)) + 1;
    const sections = meeting.items.map((i) => i.section).filter((s): s is number => s != null);
    const section = entry.section !== undefined ? entry.section : kind === 'Pöytäkirja' ? Math.max(0, ...sections) + 1 : null;
    const item: DemoMeetingItem = { n, section, title: entry.title };
    meeting.items = meeting.items.filter((i) => i.n !== n).concat(item);
    const id = `${meeting.id}-${n}`;
    for (let i = published.length - 1; i >= 0; i--) if (`${published[i]!.meeting.id}-${published[i]!.item.n}` === id) published.splice(i, 1);
    published.unshift({ meeting, item, html: entry.html, body: entry.body ?? [entry.title] });
    return { id, path: `/cgi/DREQUEST.PHP?page=meetingitem&id=${id}` };
  }

  function setFeedFault(feed: FeedName, fault: FeedFault | null, faultOptions: FaultOptions = {}): void {
    const key = `${faultOptions.prefix ?? '*'}|${feed}`;
    if (fault === null) faults.delete(key);
    else faults.set(key, { fault, delayMs: faultOptions.delayMs ?? 30_000 });
  }

  function feedItems(feed: FeedName, base: string): FeedItem[] {
    const link = (page: string, id: string) => `${base}/cgi/DREQUEST.PHP?page=${page}&id=${id}`;
    const organName = (id: string) => data.organs.find((o) => o.id === id)?.name ?? id;
    if (feed === 'meetingitems') {
      const publishedIds = new Set(published.map((p) => `${p.meeting.id}-${p.item.n}`));
      const fromPublished = published.map(({ meeting, item }) => ({ meeting, item }));
      const fromFixtures = [...data.meetings]
        .sort(byDateDesc)
        .flatMap((meeting) => [...meeting.items].sort((a, b) => b.n - a.n).map((item) => ({ meeting, item })))
        .filter(({ meeting, item }) => !publishedIds.has(`${meeting.id}-${item.n}`));
      return [...fromPublished, ...fromFixtures].map(({ meeting, item }) => ({
        title: `${organName(meeting.organId)} ${meeting.date} / ${item.title}`,
        description: item.title,
        link: link('meetingitem', `${meeting.id}-${item.n}`),
      }));
    }
    if (feed === 'meetings') {
      return [...data.meetings].sort(byDateDesc).map((m) => ({
        title: `${organName(m.organId)} ${m.date} / ${m.kind}`,
        description: `${organName(m.organId)} ${m.date}`,
        link: link('meeting', m.id),
      }));
    }
    return [...data.officialDecisions].sort(byDateDesc).map((d) => ({
      title: `${d.official} ${d.date} / ${d.title}`,
      description: d.title,
      link: link('official_decision', d.id),
    }));
  }

  function send(res: ServerResponse, status: number, contentType: string | null, body: Buffer | string, headers: Record<string, string> = {}): void {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, { ...(contentType ? { 'Content-Type': contentType } : {}), 'Content-Length': String(bytes.length), ...headers });
    res.end(bytes);
  }

  function sendFeed(req: IncomingMessage, res: ServerResponse, feed: FeedName, base: string, show: number, prefix: string): void {
    const fault = faults.get(`${prefix}|${feed}`) ?? faults.get(`*|${feed}`);
    const xmlType = 'text/xml; charset=iso-8859-1';
    const channelLink = `${base}/cgi/DREQUEST.PHP?page=meeting_frames`;
    const items = feedItems(feed, base).slice(0, show);
    const answer = (): void => {
      switch (fault?.fault) {
        case '500':
          return send(res, 500, 'text/html; charset=UTF-8', '<html><body><h1>500 Internal Server Error</h1></body></html>');
        case '404':
          return send(res, 404, 'text/html; charset=UTF-8', '<html><body><h1>404 Not Found</h1></body></html>');
        case 'html':
          return send(res, 200, 'text/html; charset=UTF-8', renderNotFound('Palvelu on tilapäisesti poissa käytöstä'));
        case 'malformed':
          return send(res, 200, xmlType, latin1Bytes(renderFeed(feed, channelLink, items).slice(0, -40)));
        case 'empty':
          return send(res, 200, xmlType, Buffer.alloc(0));
        case 'huge': {
          const filler = items[0] ?? { title: 'Kaupunginhallitus 01.01.2021 / Täyte', description: 'Täyte', link: `${base}/cgi/DREQUEST.PHP?page=meetingitem&id=1-1` };
          const empty = renderFeed(feed, channelLink, []);
          const one = renderFeed(feed, channelLink, [filler]);
          const item = one.slice(empty.length - '</channel></rss>'.length, one.length - '</channel></rss>'.length);
          const count = Math.ceil((20 * 1024 * 1024) / item.length) + 1;
          const head = empty.slice(0, -'</channel></rss>'.length);
          return send(res, 200, xmlType, latin1Bytes(`${head}${item.repeat(count)}</channel></rss>`));
        }
        case 'wrong-charset':
          return send(res, 200, xmlType, Buffer.from(renderFeed(feed, channelLink, items), 'utf8'));
        default: {
          const bytes = latin1Bytes(renderFeed(feed, channelLink, items));
          if (!options.conditional) return send(res, 200, xmlType, bytes);
          const etag = `"${createHash('sha1').update(bytes).digest('hex').slice(0, 16)}"`;
          if (req.headers['if-none-match'] === etag) return send(res, 304, null, Buffer.alloc(0), { ETag: etag });
          return send(res, 200, xmlType, bytes, { ETag: etag });
        }
      }
    };
    if (fault?.fault === 'slow') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) send(res, 200, xmlType, latin1Bytes(renderFeed(feed, channelLink, items)));
      }, fault.delayMs);
      timers.add(timer);
      return;
    }
    answer();
  }

  function handleCgi(req: IncomingMessage, res: ServerResponse, url: URL, prefix: string, base: string): void {
    const params = url.searchParams;
    const page = params.get('page') ?? '';
    const id = params.get('id') ?? params.get('amp;id') ?? '';
    const html = 'text/html; charset=UTF-8';
    const notFound = () => send(res, 404, html, renderNotFound(`${page} ${id}`.trim()));
    const rss = /^rss\/(meetingitems|meetings|official_decisions)$/.exec(page);
    if (rss) {
      const showParam = Number.parseInt(params.get('show') ?? params.get('amp;show') ?? '30', 10);
      const show = Number.isFinite(showParam) && showParam > 0 ? Math.min(showParam, 1000) : 30;
      return sendFeed(req, res, rss[1] as FeedName, base, show, prefix);
    }
    switch (page) {
      case 'meetingitem': {
        const entry = published.find((p) => `${p.meeting.id}-${p.item.n}` === id);
        if (entry) return send(res, 200, html, entry.html ?? renderGeneratedItem(data, base, entry.meeting, entry.item, entry.body));
        const file = /^[\w-]+$/.test(id) ? reconstructedItemFile(id) : null;
        if (file) return send(res, 200, html, readFileSync(file));
        const [meetingId, n] = /^\d+-\d+$/.test(id) ? splitItemId(id) : [null, null];
        const meeting = data.meetings.find((m) => m.id === meetingId);
        const item = meeting?.items.find((i) => i.n === n);
        if (meeting && item) return send(res, 200, html, renderGeneratedItem(data, base, meeting, item, item.body ?? [item.title]));
        return notFound();
      }
      case 'meeting': {
        const body = renderMeeting(data, base, id);
        return body ? send(res, 200, html, body) : notFound();
      }
      case 'meetings': {
        const body = renderMeetings(data, base, id);
        return body ? send(res, 200, html, body) : notFound();
      }
      case 'meeting_frames':
        return send(res, 200, html, renderMeetingFrames(data, base));
      case 'search':
        // Reported on at least one live portal: search-like pages answer with 0 bytes.
        return send(res, 200, html, Buffer.alloc(0));
      default:
        return notFound();
    }
  }

  function handleDemoControl(res: ServerResponse, url: URL, origin: string): void {
    const p = url.searchParams;
    const json = (status: number, value: unknown) => send(res, status, 'application/json; charset=UTF-8', `${JSON.stringify(value, null, 2)}\n`);
    if (url.pathname === '/__demo/publish') {
      const organ = p.get('organ') ?? 'Kaupunginhallitus';
      const title = p.get('title');
      if (!title) return json(400, { error: 'title is required: /__demo/publish?title=...&organ=...&date=DD.MM.YYYY' });
      const today = new Date().toISOString().slice(0, 10);
      const published = publishItem({ organ, title, date: p.get('date') ?? today, id: p.get('id') ?? undefined, kind: p.get('kind') === 'Pöytäkirja' ? 'Pöytäkirja' : 'Esityslista' });
      return json(200, { ...published, url: `${origin}${published.path}` });
    }
    if (url.pathname === '/__demo/fault') {
      const feed = p.get('feed') as FeedName | null;
      const fault = p.get('fault');
      if (!feed || !FEED_NAMES.includes(feed)) return json(400, { error: `feed must be one of ${FEED_NAMES.join(', ')}` });
      if (fault && fault !== 'none' && !FEED_FAULTS.includes(fault as FeedFault)) return json(400, { error: `fault must be none or one of ${FEED_FAULTS.join(', ')}` });
      const delay = p.get('delayMs');
      setFeedFault(feed, !fault || fault === 'none' ? null : (fault as FeedFault), {
        prefix: p.get('prefix') ?? undefined,
        delayMs: delay ? Number(delay) : undefined,
      });
      return json(200, { feed, fault: fault ?? 'none' });
    }
    if (url.pathname === '/__demo/requests') return json(200, requests);
    return json(404, { error: 'unknown control' });
  }

  function indexPage(origin: string): string {
    const links = [
      ['Kouvola: Kaupunginhallitus 07.06.2021 § 210 (dynamic item)', '/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11'],
      ['Kaupunginhallitus 07.06.2021 (dynamic meeting)', '/cgi/DREQUEST.PHP?page=meeting&id=2021587'],
      ['Toimielimet (meeting_frames)', '/cgi/DREQUEST.PHP?page=meeting_frames'],
      ['Espoo: Kaupunginhallitus 29.05.2017 Asianro 4 (static item)', '/kokous/2017409886-4.HTM'],
      ['Espoo: Kaupunginhallitus 08.05.2017 (static meeting)', '/kokous/2017406946.HTM'],
      ['Espoo: Toimielimet (static)', '/kokous/TELIMET.HTM'],
      ['Feed: rss/meetingitems', '/cgi/DREQUEST.PHP?page=rss/meetingitems&show=30'],
      ['Feed: rss/meetings', '/cgi/DREQUEST.PHP?page=rss/meetings&show=30'],
      ['Publish a new item', '/__demo/publish?organ=Kaupunginhallitus&title=Uusi%20demoasia'],
      ['Not a Dynasty page', '/other.html'],
    ];
    const list = links.map(([text, path]) => `<li><a href="${escapeHtml(path!)}">${escapeHtml(text!)}</a> <code>${escapeHtml(origin + path!)}</code></li>`).join('\n');
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Pykälä demo portal</title></head>
<body><h1>Pykälä demo portal</h1><p>A local Dynasty portal served from fixtures. Any path prefix serves the same portal.</p><ul>
${list}
</ul></body></html>
`;
  }

  const server = createServer((req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://demo.invalid');
      const hostHeader = req.headers.host ?? `${host}:${(server.address() as AddressInfo).port}`;
      const hostUrl = new URL(`http://${hostHeader}`);
      const origin = `http://${hostUrl.hostname}:${hostUrl.port || '80'}`;
      const cgi = /^(.*?)\/cgi\/DREQUEST\.PHP$/i.exec(url.pathname);
      const kokous = /^(.*?)\/kokous\/([^/]+)$/i.exec(url.pathname);
      if (cgi) {
        requests.add(`${url.pathname}?page=${url.searchParams.get('page') ?? ''}`);
        const prefix = cgi[1]!;
        return handleCgi(req, res, url, prefix, `${origin}${prefix}`);
      }
      requests.add(url.pathname);
      if (kokous) {
        const name = kokous[2]!;
        if (/\.pdf$/i.test(name)) return send(res, 200, 'application/pdf', placeholderPdf(name));
        const file = /\.html?$/i.test(name) ? staticFile(name) : null;
        if (file) return send(res, 200, 'text/html; charset=windows-1252', readFileSync(file));
        return send(res, 404, 'text/html; charset=windows-1252', latin1Bytes('<html><body><h1>404 Not Found</h1></body></html>'));
      }
      if (url.pathname.startsWith('/__demo/')) return handleDemoControl(res, url, origin);
      if (url.pathname === '/other.html') return send(res, 200, 'text/html; charset=UTF-8', OTHER_PAGE);
      if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, 'text/html; charset=UTF-8', indexPage(origin));
      if (url.pathname === '/favicon.ico') return send(res, 404, null, Buffer.alloc(0));
      return send(res, 404, 'text/html; charset=UTF-8', renderNotFound(url.pathname));
    } catch (error) {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=UTF-8', `demo portal error: ${String(error)}\n`);
      else res.destroy();
    }
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    publishItem,
    setFeedFault,
    requests,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

function splitItemId(id: string): [string, number] {
  const m = /^(\d+)-(\d+)$/.exec(id);
  if (!m) throw new Error(`item id must look like <meetingId>-<n>: ${id}`);
  return [m[1]!, Number(m[2])];
}
