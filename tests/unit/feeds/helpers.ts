/** Test doubles for the watcher: Dynasty-like feeds served by a fake fetch, a stubbed browser, a write counter. */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PykalaDatabase } from '@/lib/db';
import type { FeedBrowser } from '@/lib/feeds/service';

export interface FakeItem {
  id: string;
  organ: string;
  /** DD.MM.YYYY */
  date: string;
  title: string;
  page?: 'meetingitem' | 'meeting' | 'official_decision';
}

export type Fault = { status: number; body?: string } | 'timeout' | 'html' | 'empty' | 'huge' | 'malformed' | 'network' | 'wrong-charset';

export function latin1(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(text, (c) => (c.charCodeAt(0) > 255 ? 63 : c.charCodeAt(0))) as Uint8Array<ArrayBuffer>;
}

export function renderFeed(base: string, description: string, items: FakeItem[]): string {
  const url = new URL(base);
  const withPort = `${url.protocol}//${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}${url.pathname.replace(/\/$/, '')}`;
  const body = items
    .map(
      (i) =>
        `<item><title><![CDATA[${i.organ} ${i.date} / ${i.title}]]></title><description><![CDATA[${i.title}]]></description><link><![CDATA[${withPort}/cgi/DREQUEST.PHP?page=${i.page ?? 'meetingitem'}&id=${i.id}]]></link></item>`,
    )
    .join('');
  return `<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel><title><![CDATA[Dynasty]]></title><description><![CDATA[Dynasty - ${description}]]></description><link><![CDATA[${withPort}/cgi/DREQUEST.PHP?page=meeting_frames]]></link>${body}</channel></rss>`;
}

/** Many fake portals behind one fetch, each with three feeds, optional ETag support and faults. */
export class FakePortals {
  readonly feeds = new Map<string, FakeItem[]>();
  readonly faults = new Map<string, Fault>();
  etags = false;
  requests: { url: string; headers: Record<string, string> }[] = [];

  key(base: string, feed: string): string {
    return `${base}|${feed}`;
  }

  set(base: string, feed: 'meetingitems' | 'meetings' | 'official_decisions', items: FakeItem[]): void {
    this.feeds.set(this.key(base, feed), items);
  }

  publish(base: string, item: FakeItem): void {
    const key = this.key(base, 'meetingitems');
    this.feeds.set(key, [item, ...(this.feeds.get(key) ?? [])]);
  }

  fault(base: string, feed: string, fault: Fault | null): void {
    if (fault === null) this.faults.delete(this.key(base, feed));
    else this.faults.set(this.key(base, feed), fault);
  }

  readonly fetch = vi.fn(async (input: string, init?: RequestInit): Promise<Response> => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    this.requests.push({ url: input, headers });
    const url = new URL(input);
    const match = /^(.*)\/cgi\/DREQUEST\.PHP$/i.exec(url.pathname);
    const page = url.searchParams.get('page') ?? '';
    const feed = /^rss\/(\w+)$/.exec(page)?.[1];
    const base = `${url.protocol}//${url.host}${match?.[1] ?? ''}`;
    if (!match || !feed) return new Response('<html>404</html>', { status: 404 });
    const items = this.feeds.get(this.key(base, feed));
    if (!items) return new Response('<html><body>Not found</body></html>', { status: 404, headers: { 'content-type': 'text/html' } });
    const fault = this.faults.get(this.key(base, feed));
    const description = feed === 'meetingitems' ? 'Kokousasiat' : feed === 'meetings' ? 'Kokoukset' : 'Viranhaltijapäätökset';
    const text = renderFeed(base, description, items.slice(0, Number(url.searchParams.get('show') ?? 30)));
    const xml = { 'content-type': 'text/xml; charset=iso-8859-1' };
    if (fault === 'network') throw new TypeError('Failed to fetch');
    if (fault === 'timeout') {
      return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }
    if (fault === 'html') return new Response('<!DOCTYPE html><html><body><h1>Palvelu ei ole käytössä</h1></body></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    if (fault === 'empty') return new Response(new Uint8Array(0), { status: 200, headers: xml });
    if (fault === 'malformed') return new Response(latin1(text.slice(0, text.length - 60)), { status: 200, headers: xml });
    if (fault === 'wrong-charset') return new Response(new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>, { status: 200, headers: xml });
    if (fault === 'huge') {
      // 20 MB in 64 kB chunks, no Content-Length: the reader must stop by itself.
      const chunk: Uint8Array = latin1(`<item><title>${'x'.repeat(65_000)}</title></item>`);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 20 * 1024 * 1024) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      return new Response(stream, { status: 200, headers: xml });
    }
    if (typeof fault === 'object') return new Response(fault.body ?? '<html><body>Virhe</body></html>', { status: fault.status, headers: { 'content-type': 'text/html' } });
    const bytes = latin1(text);
    if (this.etags) {
      const etag = `"${items.length}-${items[0]?.id ?? ''}"`;
      if (headers['If-None-Match'] === etag) return new Response(null, { status: 304, headers: { etag } });
      return new Response(bytes, { status: 200, headers: { ...xml, etag } });
    }
    return new Response(bytes, { status: 200, headers: xml });
  });
}

/** A database with a write counter (every DBCore mutate call: put, add, delete, bulk*). */
export function countingDb(): { db: PykalaDatabase; writes: () => number } {
  const db = new PykalaDatabase(`pykala-test-${Math.random().toString(36).slice(2)}`);
  let writes = 0;
  db.use({
    stack: 'dbcore',
    name: 'write-counter',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) => {
            writes++;
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return { db, writes: () => writes };
}

export interface StubbedBrowser extends FeedBrowser {
  granted: Set<string>;
  registered: Map<string, { id: string; matches: string[]; js: string[] }>;
  opened: string[];
}

/** fakeBrowser plus the APIs it lacks (permissions, scripting, getManifest, openOptionsPage, tabs.create). */
export function stubBrowser(manifestMatches: string[] = []): StubbedBrowser {
  fakeBrowser.reset();
  const granted = new Set<string>();
  const registered = new Map<string, { id: string; matches: string[]; js: string[] }>();
  const opened: string[] = [];
  const key = (p: { origins?: string[]; permissions?: string[] }) => [...(p.origins ?? []), ...(p.permissions ?? [])];
  const browser = {
    storage: fakeBrowser.storage,
    alarms: fakeBrowser.alarms,
    action: fakeBrowser.action,
    notifications: fakeBrowser.notifications,
    i18n: { getMessage: (k: string, subs?: string | string[]) => `${k}${subs ? `(${[subs].flat().join(',')})` : ''}` },
    tabs: {
      create: async ({ url }: { url: string }) => {
        opened.push(url);
        return {};
      },
    },
    runtime: {
      getURL: (p: string) => fakeBrowser.runtime.getURL(p as never),
      getManifest: () => ({ content_scripts: [{ matches: manifestMatches }] }),
      openOptionsPage: async () => {
        opened.push('options');
      },
    },
    permissions: {
      contains: async (p: { origins?: string[]; permissions?: string[] }) => key(p).every((o) => granted.has(o)),
      request: async (p: { origins?: string[]; permissions?: string[] }) => {
        key(p).forEach((o) => granted.add(o));
        return true;
      },
      remove: async (p: { origins?: string[]; permissions?: string[] }) => {
        key(p).forEach((o) => granted.delete(o));
        return true;
      },
    },
    scripting: {
      registerContentScripts: async (scripts: { id: string; matches: string[]; js: string[] }[]) => {
        for (const s of scripts) {
          if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          registered.set(s.id, s);
        }
      },
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        ids.forEach((id) => registered.delete(id));
      },
      getRegisteredContentScripts: async (filter?: { ids?: string[] }) =>
        [...registered.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)),
    },
    granted,
    registered,
    opened,
  };
  return browser as unknown as StubbedBrowser;
}

export function items(prefix: string, count: number, organ = 'Kaupunginhallitus', date = '07.06.2021'): FakeItem[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i + 1}`, organ, date, title: `Asia ${i + 1}` }));
}
