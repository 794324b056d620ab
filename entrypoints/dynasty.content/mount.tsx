/**
 * The shell of the in-page reading UI: parse the page, mount the panel in an open shadow root, wire
 * storage (collapsed state, pause, key map), messages (page/seen, items/markers, bookmarks) and the
 * keyboard. Everything it shows comes from lib/reading (pure) and components/panel (views).
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { parseShownPage } from '@/lib/dynasty';
import type { MeetingListItem, ParsedPage } from '@/lib/dynasty/types';
import { t } from '@/lib/i18n';
import type { BookmarkData } from '@/lib/messages';
import { PykalaApp, type Controller, type PykalaAppProps } from '@/components/panel/PykalaApp';
import { PANEL_CSS } from '@/components/panel/styles';
import { KEYMAP_STORAGE_KEY, loadKeyMap, mergeKeyMap } from '@/lib/reading/keymap';
import { resolveKey, type ShadowRootOf } from '@/lib/reading/keys';
import { deriveNeighbours, organMeetingsUp } from '@/lib/reading/neighbours';
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

/** Today in local time as YYYY-MM-DD. */
function todayIso(): string {
  return new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** Top of the page's content: right after the DATABEGIN / DATA_BEGIN marker, else the top of body. */
function insertHost(host: HTMLElement): void {
  const top = document.body ?? document.documentElement;
  const walker = document.createTreeWalker(top, NodeFilter.SHOW_COMMENT);
  let node = walker.nextNode();
  while (node && !/^\s*DATA_?BEGIN\s*$/i.test(node.nodeValue!)) node = walker.nextNode();
  if (node) (node as Comment).after(host);
  else top.prepend(host);
}

/**
 * A page element's shadow root, closed ones included: Chrome gives content scripts
 * chrome.dom.openOrClosedShadowRoot, Firefox element.openOrClosedShadowRoot. A field typed into inside a
 * page widget's closed root (a chat box, say) then blocks the keys like any other.
 */
const shadowRootOf: ShadowRootOf = (el) =>
  (browser as unknown as { dom?: { openOrClosedShadowRoot?: ShadowRootOf } }).dom?.openOrClosedShadowRoot?.(el) ??
  (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot ??
  null;

/** Best effort: a failed write only loses a remembered preference. */
const store = (items: Record<string, unknown>) => void browser.storage.local.set(items).catch(() => undefined);

export async function mountReading(ctx: ReadingContext): Promise<void> {
  // Settings are asked for first: the storage round trip then overlaps the parse (measured: 15-40 ms each).
  const settings = Promise.all([
    loadKeyMap(browser.storage.sync),
    browser.storage.local.get([COLLAPSED_KEY, PAUSED_KEY, MEETINGS_KEY]).catch(() => ({}) as Record<string, unknown>),
  ]);
  let page: ParsedPage;
  try {
    page = parseShownPage(document, location.href);
  } catch {
    return;
  }
  const view = pageView(page, todayIso());
  if (!view) return;

  const [keymap, local] = await settings;
  if (ctx.isInvalid) return;

  const meetings = (local[MEETINGS_KEY] ?? {}) as StoredMeetings;
  const meetingKey = (page.kind === 'meeting' || page.kind === 'meetingItem') && page.portal && page.meetingId ? `${page.portal}|${page.meetingId}` : '';
  const item = page.kind === 'meetingItem' ? page : null;
  const itemRef = item?.portal && item.itemId ? { portal: item.portal, itemId: item.itemId } : null;
  const controller: { current: Controller | null } = { current: null };

  const props: PykalaAppProps = {
    view,
    // Every key the panel asks for is one of locales/*/reading.json's `reading_` keys.
    t: (key, substitutions) => t(`reading_${key}`, substitutions),
    keymap,
    paused: local[PAUSED_KEY] === true,
    collapsed: local[COLLAPSED_KEY] === true,
    // Item pages: where the page lacks its own links, the meeting's item list (when seen before) gives the order.
    neighbours: item
      ? deriveNeighbours(item, meetings[meetingKey]?.items)
      : page.kind === 'meeting'
        ? { up: organMeetingsUp(document.querySelectorAll<HTMLAnchorElement>('a[href]'), page.organ) }
        : null,
    controller,
    onCollapsedChange: (collapsed) => store({ [COLLAPSED_KEY]: collapsed }),
    onPausedChange: (paused) => {
      update({ paused });
      store({ [PAUSED_KEY]: paused });
    },
    onNavigate: (url) => location.assign(url),
    onOpen: (url) => void window.open(url, '_blank', 'noopener'),
    onSearch: () => void send('library/open', { focus: 'search' }).catch(() => undefined),
    onBookmarkSave: async (note) => {
      if (!itemRef) throw new Error('no item id');
      const data: BookmarkData = { note, tags: props.bookmark?.tags ?? [] };
      // itemRef is only set on an item page.
      await send('bookmark/save', { ...itemRef, ...data, page: item! });
      update({ bookmark: data });
    },
    onBookmarkRemove: async () => {
      if (!itemRef) throw new Error('no item id');
      await send('bookmark/remove', itemRef);
      update({ bookmark: null });
    },
  };

  const host = document.createElement('pykala-root');
  host.id = HOST_ID;
  host.style.display = 'block';
  const shadow = host.attachShadow({ mode: 'open' });
  function update(changes: Partial<PykalaAppProps>): void {
    Object.assign(props, changes);
    if (!ctx.isInvalid)
      render(
        <>
          <style>{PANEL_CSS}</style>
          <PykalaApp {...props} />
        </>,
        shadow,
      );
  }

  document.getElementById(HOST_ID)?.remove();
  insertHost(host);
  update({});
  host.dataset.shownAt = performance.now().toFixed(1);

  // While paused, resolveKey gives only the pause key; the panel decides whether an action applies here.
  ctx.addEventListener(window, 'keydown', (event) => {
    const action = resolveKey(event, props.keymap, props.paused, shadowRootOf);
    if (action && controller.current!.act(action)) {
      event.preventDefault();
      event.stopPropagation();
    }
  });

  // Another tab paused the keys, or the options page changed the map.
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'sync' && KEYMAP_STORAGE_KEY in changes) update({ keymap: mergeKeyMap(changes[KEYMAP_STORAGE_KEY]!.newValue) });
    if (area === 'local' && PAUSED_KEY in changes) update({ paused: changes[PAUSED_KEY]!.newValue === true });
  };
  browser.storage.onChanged.addListener(onStorage);
  ctx.onInvalidated(() => {
    browser.storage.onChanged.removeListener(onStorage);
    render(null, shadow);
    host.remove();
  });

  // Everything below may fail or never answer (no background handler yet, extension updating):
  // the panel then simply shows no markers and an unknown bookmark state.
  send('page/seen', { page })
    .then(update)
    .catch(() => {
      if (itemRef) send('bookmark/get', itemRef).then((bookmark) => update({ bookmark }), () => undefined);
    });
  if (page.kind === 'meeting') {
    const itemIds = page.items.map((i) => i.itemId).filter((id): id is string => !!id);
    if (page.portal && itemIds.length) {
      send('items/markers', { portal: page.portal, itemIds })
        .then((markers) => update({ markers }))
        .catch(() => undefined);
    }
    // Remembered for the items of this meeting that lack Edellinen / Seuraava links; the newest kept.
    // Read again right before writing: the list read at the start may miss what other tabs wrote since.
    if (meetingKey) {
      const entry = { at: Date.now(), items: page.items.map((i) => ({ itemId: i.itemId, url: i.url })) };
      browser.storage.local.get(MEETINGS_KEY).then((got) => {
        const all: StoredMeetings = { ...(got[MEETINGS_KEY] as StoredMeetings), [meetingKey]: entry };
        store({ [MEETINGS_KEY]: Object.fromEntries(Object.entries(all).sort((a, b) => b[1].at - a[1].at).slice(0, MEETINGS_KEPT)) });
      }, () => undefined);
    }
  }
}
