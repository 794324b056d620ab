/**
 * The root of the injected UI: a complementary landmark with the page's summary (item panel, meeting
 * overview or organ meetings), the help dialog, an aria-live region and the keyboard actions that
 * act on the UI. Props in, callbacks out: the content script owns storage, messages and navigation.
 */
import { Component, createRef } from 'preact';
import type { BookmarkData, ItemMarkers } from '@/lib/messages';
import type { Action, KeyMap } from '@/lib/reading/keymap';
import { keyLabel } from '@/lib/reading/keymap';
import { moveSelection, type Neighbours } from '@/lib/reading/neighbours';
import type { PageView } from '@/lib/reading/viewmodel';
import { HelpOverlay } from './HelpOverlay';
import type { Translate } from './i18n';
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

interface AppState {
  collapsed: boolean;
  helpOpen: boolean;
  formOpen: boolean;
  busy: boolean;
  /** Index of the selected row on a meeting or organ page; -1: none. */
  selected: number;
  announcement: string;
}

/**
 * State and refs live in class components throughout components/panel, never in hooks: preact/hooks
 * (with createContext) would add 3 kB to every Dynasty page (bench: content_script_bytes). Members are
 * `#private` rather than TS `private` because the minifier shortens only the former.
 */
export class PykalaApp extends Component<PykalaAppProps, AppState> {
  override state: AppState = { collapsed: this.props.collapsed, helpOpen: false, formOpen: false, busy: false, selected: -1, announcement: '' };
  readonly #container = createRef<HTMLElement>();
  #seq = 0;

  constructor(props: PykalaAppProps) {
    super(props);
    props.controller.current = { act: (action) => this.#act(action) };
  }

  override componentDidMount() {
    this.#announcePaused();
  }

  override componentDidUpdate(previous: PykalaAppProps) {
    if (previous.collapsed !== this.props.collapsed) this.setState({ collapsed: this.props.collapsed });
    if (previous.paused !== this.props.paused) this.#announcePaused();
  }

  #announcePaused() {
    this.#announce(this.props.paused ? this.props.t('reading_keysPaused') : '');
  }

  #announce(message: string) {
    // A changing suffix makes screen readers repeat an identical message.
    this.#seq++;
    this.setState({ announcement: `${message}${this.#seq % 2 ? '' : '\u00a0'}` });
  }

  #setCollapsedAndStore(collapsed: boolean) {
    this.setState({ collapsed });
    this.props.onCollapsedChange(collapsed);
  }

  #expand() {
    if (this.state.collapsed) this.#setCollapsedAndStore(false);
  }

  #reveal(field: 'proposal' | 'decision' | 'attachments'): boolean {
    const { view, t } = this.props;
    if (view.kind !== 'meetingItem') return false;
    this.#expand();
    // After the possible re-render that expands the panel.
    setTimeout(() => {
      const el = this.#container.current?.querySelector<HTMLElement>(`[data-field="${field}"]`);
      if (!el) {
        this.#announce(t('reading_fieldNotFound', t(`reading_field_${field}`)));
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
  #rows(): readonly { href: string | null }[] {
    const { view } = this.props;
    return view.kind === 'meeting' ? view.items : view.kind === 'organMeetings' ? view.meetings : [];
  }

  #select(delta: number) {
    const next = moveSelection(this.state.selected, delta, this.#rows().length);
    this.setState({ selected: next });
    this.#expand();
    setTimeout(() => {
      const row = this.#container.current?.querySelectorAll<HTMLElement>('[data-pykala="items"] > li')[next];
      row?.scrollIntoView?.({ block: 'nearest' });
      row?.querySelector<HTMLElement>('a')?.focus({ preventScroll: true });
    }, 0);
  }

  #go(url: string | null | undefined, what: string): boolean {
    const { t } = this.props;
    if (!url) {
      this.#announce(t('reading_noTarget', what));
      return true;
    }
    this.#announce(t('reading_opening', what));
    this.props.onNavigate(url);
    return true;
  }

  /** Performs a key action; false when it does not apply here (the key then goes to the page). */
  #act(action: Action): boolean {
    const { view, t, neighbours } = this.props;
    const { helpOpen, formOpen, selected } = this.state;
    // The help dialog is modal: while it is open, keys other than help/close do nothing.
    if (helpOpen && action !== 'close' && action !== 'help') return true;
    switch (action) {
      case 'help':
        this.setState({ helpOpen: true });
        return true;
      case 'close':
        if (helpOpen) {
          this.setState({ helpOpen: false });
          return true;
        }
        if (formOpen) {
          this.setState({ formOpen: false });
          return true;
        }
        return false;
      case 'search':
        this.#announce(t('reading_openingSearch'));
        this.props.onSearch();
        return true;
      case 'next':
      case 'previous':
        if (view.kind === 'meetingItem') {
          const target = action === 'next' ? neighbours?.next : neighbours?.previous;
          return this.#go(target?.url, t(action === 'next' ? 'reading_action_next' : 'reading_action_previous'));
        }
        this.#select(action === 'next' ? 1 : -1);
        return true;
      case 'open':
        if (view.kind === 'meetingItem' || selected < 0) return false;
        return this.#go(this.#rows()[selected]?.href, t('reading_action_open'));
      case 'up': {
        if (view.kind === 'organMeetings') return false;
        const up = neighbours?.up?.url;
        if (!up) {
          this.#announce(t('reading_noWayUp'));
          return true;
        }
        return this.#go(up, t(view.kind === 'meeting' ? 'reading_organMeetings' : 'reading_link_meeting'));
      }
      case 'proposal':
      case 'decision':
      case 'attachments':
        return this.#reveal(action);
      case 'pdf': {
        const pdf = view.kind === 'meetingItem' ? view.links.pdf : view.kind === 'meeting' ? view.pdf : null;
        if (!pdf) {
          this.#announce(t('reading_noTarget', t('reading_link_pdf')));
          return true;
        }
        this.props.onOpen(pdf);
        return true;
      }
      case 'bookmark':
        if (view.kind !== 'meetingItem') return false;
        this.#expand();
        this.setState({ formOpen: true });
        return true;
      default:
        return false;
    }
  }

  /** Runs a bookmark change: the form closes when it worked, and the outcome is announced either way. */
  async #changeBookmark(change: () => Promise<void>, done: string) {
    const { t } = this.props;
    this.setState({ busy: true });
    try {
      await change();
      this.setState({ formOpen: false });
      this.#announce(t(done));
    } catch {
      this.#announce(t('reading_bookmarkFailed'));
    } finally {
      this.setState({ busy: false });
    }
  }

  override render() {
    const { view, t, keymap, paused } = this.props;
    const { collapsed, helpOpen, formOpen, busy, selected, announcement } = this.state;
    const label = t(
      view.kind === 'meetingItem' ? 'reading_landmarkItem' : view.kind === 'meeting' ? 'reading_landmarkMeeting' : 'reading_landmarkOrgan',
    );
    const closeForm = () => this.setState({ formOpen: false });

    return (
      <>
        <aside class="pk" aria-label={label} ref={this.#container} data-pykala="panel" data-kind={view.kind}>
          <div class="pk-head">
            <h2 data-field={view.kind === 'meetingItem' && view.title ? 'title' : undefined}>{heading(view, t)}</h2>
            <div class="pk-head-actions">
              <button
                type="button"
                aria-expanded={collapsed ? 'false' : 'true'}
                aria-controls="pk-body"
                data-pykala="collapse"
                onClick={() => this.#setCollapsedAndStore(!collapsed)}
              >
                {t(collapsed ? 'reading_expand' : 'reading_collapse')}
              </button>
              <button type="button" data-pykala="help-button" onClick={() => this.setState({ helpOpen: true })}>
                {t('reading_helpButton')}
              </button>
            </div>
          </div>
          <div id="pk-body" hidden={collapsed}>
            {view.kind === 'meetingItem' ? (
              <ItemPanel
                t={t}
                view={view}
                bookmark={this.props.bookmark}
                changedSinceRead={this.props.changedSinceRead}
                bookmarkFormOpen={formOpen}
                bookmarkBusy={busy}
                onBookmarkOpen={() => this.setState({ formOpen: true })}
                onBookmarkSave={(note) => void this.#changeBookmark(() => this.props.onBookmarkSave(note), 'reading_bookmarkSaved')}
                onBookmarkRemove={() => void this.#changeBookmark(this.props.onBookmarkRemove, 'reading_bookmarkRemoved')}
                onBookmarkCancel={closeForm}
              />
            ) : view.kind === 'meeting' ? (
              <MeetingOverview t={t} view={view} markers={this.props.markers} selected={selected} />
            ) : (
              <OrganMeetingsList t={t} view={view} selected={selected} />
            )}
            <p class="pk-foot">
              <span>
                <kbd>{keyLabel(keymap.help)}</kbd> {t('reading_action_help')}
              </span>
              <span data-pykala="paused" data-paused={paused ? 'true' : 'false'}>
                <kbd>{keyLabel(keymap.pause)}</kbd> {t(paused ? 'reading_keysPausedShort' : 'reading_action_pause')}
              </span>
            </p>
          </div>
          <div class="pk-sr" role="status" aria-live="polite" data-pykala="live">
            {announcement}
          </div>
        </aside>
        {helpOpen ? <HelpOverlay t={t} keymap={keymap} onClose={() => this.setState({ helpOpen: false })} /> : null}
      </>
    );
  }
}
