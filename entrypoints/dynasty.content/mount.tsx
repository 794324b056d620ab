/**
 * The shell of the in-page reading UI: parse the page, mount the panel in an open shadow root, wire
 * storage (collapsed state, pause, key map), messages (page/seen, items/markers, bookmarks) and the
 * keyboard. Everything it shows comes from lib/reading (pure) and components/panel (views).
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { parsePage } from '@/lib/dynasty';
import type { MeetingItemPage, MeetingListItem, ParsedPage } from '@/lib/dynasty/types';
import { t } from '@/lib/i18n';
import type { BookmarkData, ItemMarkers } from '@/lib/messages';
import { PykalaApp, type Controller, type PykalaAppProps } from '@/components/panel/PykalaApp';
import { PANEL_CSS } from '@/components/panel/styles';
import { DEFAULT_KEYMAP, KEYMAP_STORAGE_KEY, loadKeyMap, mergeKeyMap } from '@/lib/reading/keymap';
import { createKeyDispatcher } from '@/lib/reading/keys';
import { deriveNeighbours, organMeetingsUp, type Neighbours } from '@/lib/reading/neighbours';
import { pageView } from '@/lib/reading/viewmodel';
import { send } from '@/lib/send';
import type { ReadingContext } from './context';

export const HOST_ID = 'pykala-panel';
const COLLAPSED_KEY = 'reading.panelCollapsed';
const PAUSED_KEY = 'reading.keysPaused';
const MEETINGS_KEY = 'reading.meetingItems';
/** How many meetings' item lists are kept for deriving neighbours of items without links. */
const MEETINGS_KEPT = 30;

type StoredMeetings = Record<string, { at: number; items: Pick<MeetingListItem, 'itemId' | 'url'>[] }>;

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Top of the page's content: right after the DATABEGIN / DATA_BEGIN marker, else the top of body. */
function insertHost(doc: Document, host: HTMLElement): void {
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, NodeFilter.SHOW_COMMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/^\s*DATA_?BEGIN\s*$/i.test(node.nodeValue ?? '') && node.parentNode) {
      node.parentNode.insertBefore(host, node.nextSibling);
      return;
    }
  }
  (doc.body ?? doc.documentElement).prepend(host);
}

function makeHost(doc: Document): { host: HTMLElement; mountPoint: HTMLElement } {
  doc.getElementById(HOST_ID)?.remove();
  const host = doc.createElement('pykala-root');
  host.id = HOST_ID;
  host.style.display = 'block';
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = PANEL_CSS;
  const mountPoint = doc.createElement('div');
  shadow.append(style, mountPoint);
  return { host, mountPoint };
}

function meetingKey(portal: string | null, meetingId: string | null): string | null {
  return portal && meetingId ? `${portal}|${meetingId}` : null;
}

async function rememberMeeting(page: ParsedPage): Promise<void> {
  if (page.kind !== 'meeting') return;
  const key = meetingKey(page.portal, page.meetingId);
  if (!key) return;
  const got = await browser.storage.local.get(MEETINGS_KEY);
  const all = { ...((got[MEETINGS_KEY] as StoredMeetings | undefined) ?? {}) };
  all[key] = { at: Date.now(), items: page.items.map((i) => ({ itemId: i.itemId, url: i.url })) };
  const kept = Object.entries(all)
    .sort((a, b) => b[1].at - a[1].at)
    .slice(0, MEETINGS_KEPT);
  await browser.storage.local.set({ [MEETINGS_KEY]: Object.fromEntries(kept) });
}

async function knownMeetingItems(page: MeetingItemPage): Promise<MeetingListItem[] | null> {
  if (page.links.previous && page.links.next) return null;
  const key = meetingKey(page.portal, page.meetingId);
  if (!key) return null;
  const got = await browser.storage.local.get(MEETINGS_KEY);
  const items = (got[MEETINGS_KEY] as StoredMeetings | undefined)?.[key]?.items;
  return items ? items.map((i) => ({ ...i, section: null, title: '', hasAttachments: null })) : null;
}

function meetingNeighbours(doc: Document, organ: string | null): Neighbours {
  const links = [...doc.querySelectorAll<HTMLAnchorElement>('a[href]')].map((a) => ({ href: a.href, text: a.textContent ?? '' }));
  return { previous: null, next: null, up: organMeetingsUp(links, organ) };
}

export async function mountReading(ctx: ReadingContext): Promise<void> {
  // Settings are asked for first: the storage round trip then overlaps the parse (measured: 15-40 ms each).
  const settings = Promise.all([
    loadKeyMap(browser.storage.sync).catch(() => ({ ...DEFAULT_KEYMAP })),
    browser.storage.local.get([COLLAPSED_KEY, PAUSED_KEY]).catch(() => ({}) as Record<string, unknown>),
  ]);
  let page: ParsedPage;
  try {
    page = parsePage(document, location.href);
  } catch {
    return;
  }
  const view = pageView(page, todayIso());
  if (!view) return;

  const [keymap, local] = await settings;
  if (ctx.isInvalid) return;

  const { host, mountPoint } = makeHost(document);
  const controller: { current: Controller | null } = { current: null };
  const item = page.kind === 'meetingItem' ? page : null;
  const itemRef = item?.portal && item.itemId ? { portal: item.portal, itemId: item.itemId } : null;

  const props: PykalaAppProps = {
    view,
    t,
    keymap,
    paused: local[PAUSED_KEY] === true,
    collapsed: local[COLLAPSED_KEY] === true,
    neighbours: item ? deriveNeighbours(item) : page.kind === 'meeting' ? meetingNeighbours(document, page.organ) : null,
    markers: null,
    bookmark: undefined,
    changedSinceRead: false,
    controller,
    onCollapsedChange: (collapsed) => void browser.storage.local.set({ [COLLAPSED_KEY]: collapsed }).catch(() => undefined),
    onNavigate: (url) => location.assign(url),
    onOpen: (url) => void window.open(url, '_blank', 'noopener'),
    onSearch: () => void send('library/open', { focus: 'search' }).catch(() => undefined),
    onBookmarkSave: async (note) => {
      if (!itemRef || !item) throw new Error('no item id');
      const existing = props.bookmark ?? null;
      const data: BookmarkData = { note, tags: existing?.tags ?? [] };
      await send('bookmark/save', { ...itemRef, ...data, page: item });
      update({ bookmark: data });
    },
    onBookmarkRemove: async () => {
      if (!itemRef) throw new Error('no item id');
      await send('bookmark/remove', itemRef);
      update({ bookmark: null });
    },
  };

  function update(changes: Partial<PykalaAppProps>): void {
    Object.assign(props, changes);
    if (!ctx.isInvalid) render(<PykalaApp {...props} />, mountPoint);
  }

  insertHost(document, host);
  update({});
  host.dataset.shownAt = performance.now().toFixed(1);

  const dispatcher = createKeyDispatcher({
    getMap: () => props.keymap,
    paused: props.paused,
    handle: (action) => controller.current?.act(action) ?? false,
    onPauseChange: (paused) => {
      update({ paused });
      void browser.storage.local.set({ [PAUSED_KEY]: paused }).catch(() => undefined);
    },
  });
  ctx.addEventListener(window, 'keydown', (event) => {
    if (dispatcher.onKeyDown(event)) {
      event.preventDefault();
      event.stopPropagation();
    }
  });

  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'sync' && KEYMAP_STORAGE_KEY in changes) update({ keymap: mergeKeyMap(changes[KEYMAP_STORAGE_KEY]!.newValue) });
    if (area === 'local' && PAUSED_KEY in changes) {
      const paused = changes[PAUSED_KEY]!.newValue === true;
      dispatcher.setPaused(paused);
      update({ paused });
    }
  };
  browser.storage.onChanged.addListener(onStorage);
  ctx.onInvalidated(() => {
    browser.storage.onChanged.removeListener(onStorage);
    render(null, mountPoint);
    host.remove();
  });

  // Everything below may fail or never answer (no background handler yet, extension updating):
  // the panel then simply shows no markers and an unknown bookmark state.
  send('page/seen', { page })
    .then((seen) => update({ bookmark: seen.bookmark, changedSinceRead: seen.changedSinceRead }))
    .catch(() => {
      if (itemRef) send('bookmark/get', itemRef).then((bookmark) => update({ bookmark }), () => undefined);
    });
  if (page.kind === 'meeting' && page.portal) {
    const itemIds = page.items.map((i) => i.itemId).filter((id): id is string => !!id);
    if (itemIds.length) {
      send('items/markers', { portal: page.portal, itemIds })
        .then((markers: Record<string, ItemMarkers>) => update({ markers }))
        .catch(() => undefined);
    }
    void rememberMeeting(page).catch(() => undefined);
  }
  if (item) {
    knownMeetingItems(item)
      .then((items) => items && update({ neighbours: deriveNeighbours(item, items) }))
      .catch(() => undefined);
  }
}
