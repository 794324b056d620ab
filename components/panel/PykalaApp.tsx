/**
 * The root of the injected UI: a complementary landmark with the page's summary (item panel, meeting
 * overview or organ meetings), the help dialog, an aria-live region and the keyboard actions that
 * act on the UI. Props in, callbacks out: the content script owns storage, messages and navigation.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BookmarkData, ItemMarkers } from '@/lib/messages';
import type { Action, KeyMap } from '@/lib/reading/keymap';
import { keyLabel } from '@/lib/reading/keymap';
import { moveSelection, type Neighbours } from '@/lib/reading/neighbours';
import type { PageView } from '@/lib/reading/viewmodel';
import { HelpOverlay } from './HelpOverlay';
import { I18n, type Translate } from './i18n';
import { ItemPanel, sectionLabel } from './ItemPanel';
import { MeetingOverview } from './MeetingOverview';
import { OrganMeetingsList } from './OrganMeetingsList';

export interface Controller {
  /** Performs a key action; false when it does not apply here (the key then goes to the page). */
  act: (action: Action) => boolean;
}

export interface PykalaAppProps {
  view: PageView;
  t: Translate;
  keymap: KeyMap;
  paused: boolean;
  collapsed: boolean;
  /** Item pages: previous, next, up (the meeting); meeting pages: up (the organ's meetings) only. */
  neighbours: Neighbours | null;
  markers: Record<string, ItemMarkers> | null;
  bookmark: BookmarkData | null | undefined;
  changedSinceRead: boolean;
  controller: { current: Controller | null };
  onCollapsedChange: (collapsed: boolean) => void;
  onNavigate: (url: string) => void;
  onOpen: (url: string) => void;
  onSearch: () => void;
  /** Resolve when stored; reject to have the failure announced. */
  onBookmarkSave: (note: string) => Promise<void>;
  onBookmarkRemove: () => Promise<void>;
}

function heading(view: PageView, t: Translate): string {
  if (view.kind === 'meetingItem') {
    return view.title ?? ([view.organ, sectionLabel(t, view.section, view.agendaNumber)].filter(Boolean).join(' ') || t('reading_landmarkItem'));
  }
  if (view.kind === 'meeting') {
    const doc = view.documentKind ? t(`reading_doc_${view.documentKind}`) : null;
    return [view.organ, view.meetingDate, doc].filter(Boolean).join(' ') || t('reading_meetingItems');
  }
  return view.organ ? t('reading_organMeetingsOf', view.organ) : t('reading_organMeetings');
}

export function PykalaApp(props: PykalaAppProps) {
  const { view, t } = props;
  const [collapsed, setCollapsed] = useState(props.collapsed);
  const [helpOpen, setHelpOpen] = useState(false);
  const [formOpen, setFormOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState(-1);
  const [announcement, setAnnouncement] = useState('');
  const container = useRef<HTMLElement>(null);
  const seq = useRef(0);

  useEffect(() => setCollapsed(props.collapsed), [props.collapsed]);

  function announce(message: string) {
    // A changing suffix makes screen readers repeat an identical message.
    seq.current++;
    setAnnouncement(`${message}${seq.current % 2 ? '' : '\u00a0'}`);
  }

  function setCollapsedAndStore(value: boolean) {
    setCollapsed(value);
    props.onCollapsedChange(value);
  }

  function reveal(field: 'proposal' | 'decision' | 'attachments'): boolean {
    if (view.kind !== 'meetingItem') return false;
    if (collapsed) setCollapsedAndStore(false);
    // After the possible re-render that expands the panel.
    setTimeout(() => {
        const el = container.current?.querySelector<HTMLElement>(`[data-field="${field}"]`);
        if (!el) {
          announce(t('reading_fieldNotFound', t(`reading_field_${field}`)));
          return;
        }
        if (el instanceof HTMLDetailsElement) el.open = true;
        const target = el.querySelector<HTMLElement>('summary, h3') ?? el;
        target.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
        target.focus({ preventScroll: true });
    }, 0);
    return true;
  }

  /** The rows j / k move through: a meeting's items or an organ's meetings. */
  const rows: readonly { href: string | null }[] = view.kind === 'meeting' ? view.items : view.kind === 'organMeetings' ? view.meetings : [];

  function select(delta: number) {
    const next = moveSelection(selected, delta, rows.length);
    setSelected(next);
    if (collapsed) setCollapsedAndStore(false);
    setTimeout(() => {
      const row = container.current?.querySelectorAll<HTMLElement>('[data-pykala="items"] > li')[next];
      row?.scrollIntoView?.({ block: 'nearest' });
      row?.querySelector<HTMLElement>('a')?.focus({ preventScroll: true });
    }, 0);
  }

  function go(url: string | null | undefined, what: string): boolean {
    if (!url) {
      announce(t('reading_noTarget', what));
      return true;
    }
    announce(t('reading_opening', what));
    props.onNavigate(url);
    return true;
  }

  props.controller.current = {
    act(action: Action): boolean {
      // The help dialog is modal: while it is open, keys other than help/close do nothing.
      if (helpOpen && action !== 'close' && action !== 'help') return true;
      switch (action) {
        case 'help':
          setHelpOpen(true);
          return true;
        case 'close':
          if (helpOpen) {
            setHelpOpen(false);
            return true;
          }
          if (formOpen) {
            setFormOpen(false);
            return true;
          }
          return false;
        case 'search':
          announce(t('reading_openingSearch'));
          props.onSearch();
          return true;
        case 'next':
        case 'previous':
          if (view.kind === 'meetingItem') {
            const target = action === 'next' ? props.neighbours?.next : props.neighbours?.previous;
            return go(target?.url, t(action === 'next' ? 'reading_action_next' : 'reading_action_previous'));
          }
          select(action === 'next' ? 1 : -1);
          return true;
        case 'open': {
          if (view.kind === 'meetingItem' || selected < 0) return false;
          return go(rows[selected]?.href, t('reading_action_open'));
        }
        case 'up': {
          if (view.kind === 'organMeetings') return false;
          const up = props.neighbours?.up?.url;
          if (!up) {
            announce(t('reading_noWayUp'));
            return true;
          }
          return go(up, t(view.kind === 'meeting' ? 'reading_organMeetings' : 'reading_link_meeting'));
        }
        case 'proposal':
        case 'decision':
        case 'attachments':
          return reveal(action);
        case 'pdf': {
          const pdf = view.kind === 'meetingItem' ? view.links.pdf : view.kind === 'meeting' ? view.pdf : null;
          if (!pdf) {
            announce(t('reading_noTarget', t('reading_link_pdf')));
            return true;
          }
          props.onOpen(pdf);
          return true;
        }
        case 'bookmark':
          if (view.kind !== 'meetingItem') return false;
          if (collapsed) setCollapsedAndStore(false);
          setFormOpen(true);
          return true;
        default:
          return false;
      }
    },
  };

  useEffect(() => {
    announce(props.paused ? t('reading_keysPaused') : '');
  }, [props.paused]);

  /** Runs a bookmark change: the form closes when it worked, and the outcome is announced either way. */
  async function changeBookmark(change: () => Promise<void>, done: string) {
    setBusy(true);
    try {
      await change();
      setFormOpen(false);
      announce(t(done));
    } catch {
      announce(t('reading_bookmarkFailed'));
    } finally {
      setBusy(false);
    }
  }

  const label = t(
    view.kind === 'meetingItem' ? 'reading_landmarkItem' : view.kind === 'meeting' ? 'reading_landmarkMeeting' : 'reading_landmarkOrgan',
  );

  return (
    <I18n.Provider value={t}>
      <aside class="pk" aria-label={label} ref={container} data-pykala="panel" data-kind={view.kind}>
        <div class="pk-head">
          <h2 data-field={view.kind === 'meetingItem' && view.title ? 'title' : undefined}>{heading(view, t)}</h2>
          <div class="pk-head-actions">
            <button
              type="button"
              aria-expanded={collapsed ? 'false' : 'true'}
              aria-controls="pk-body"
              data-pykala="collapse"
              onClick={() => setCollapsedAndStore(!collapsed)}
            >
              {t(collapsed ? 'reading_expand' : 'reading_collapse')}
            </button>
            <button type="button" data-pykala="help-button" onClick={() => setHelpOpen(true)}>
              {t('reading_helpButton')}
            </button>
          </div>
        </div>
        <div id="pk-body" hidden={collapsed}>
          {view.kind === 'meetingItem' ? (
            <ItemPanel
              view={view}
              bookmark={props.bookmark}
              changedSinceRead={props.changedSinceRead}
              bookmarkFormOpen={formOpen}
              bookmarkBusy={busy}
              onBookmarkOpen={() => setFormOpen(true)}
              onBookmarkSave={(note) => void changeBookmark(() => props.onBookmarkSave(note), 'reading_bookmarkSaved')}
              onBookmarkRemove={() => void changeBookmark(props.onBookmarkRemove, 'reading_bookmarkRemoved')}
              onBookmarkCancel={() => setFormOpen(false)}
            />
          ) : view.kind === 'meeting' ? (
            <MeetingOverview view={view} markers={props.markers} selected={selected} />
          ) : (
            <OrganMeetingsList view={view} selected={selected} />
          )}
          <p class="pk-foot">
            <span>
              <kbd>{keyLabel(props.keymap.help)}</kbd> {t('reading_action_help')}
            </span>
            <span data-pykala="paused" data-paused={props.paused ? 'true' : 'false'}>
              <kbd>{keyLabel(props.keymap.pause)}</kbd> {t(props.paused ? 'reading_keysPausedShort' : 'reading_action_pause')}
            </span>
          </p>
        </div>
        <div class="pk-sr" role="status" aria-live="polite" data-pykala="live">
          {announcement}
        </div>
      </aside>
      {helpOpen ? <HelpOverlay keymap={props.keymap} onClose={() => setHelpOpen(false)} /> : null}
    </I18n.Provider>
  );
}
