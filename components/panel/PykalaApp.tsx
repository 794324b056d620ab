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
import { bookmarkForm } from './BookmarkForm';
import { helpOverlay } from './HelpOverlay';
import type { Translate } from './i18n';
import { itemPanel, sectionLabel } from './ItemPanel';
import { meetingOverview } from './MeetingOverview';
import { organMeetingsList } from './OrganMeetingsList';
import { joined } from './parts';

export interface Controller {
  /** Performs a key action; false when it does not apply here (the key then goes to the page). */
  act(action: Action): boolean;
}

export interface PykalaAppProps {
  view: PageView;
  t: Translate;
  keymap: KeyMap;
  paused: boolean;
  /** The collapsed state at mount; the panel keeps it from then on and reports changes. */
  collapsed: boolean;
  /** Item pages: previous, next, up (the meeting); meeting pages: up (the organ's meetings) only. */
  neighbours: Partial<Neighbours> | null;
  /** Meeting pages: from the background when it answers. */
  markers?: Record<string, ItemMarkers> | null;
  /** Item pages: undefined while unknown (no answer yet), null when not bookmarked. */
  bookmark?: BookmarkData | null;
  changedSinceRead?: boolean;
  /** The shell's handle for key actions: the panel sets it to itself. */
  controller: { current: Controller | null };
  onCollapsedChange: (collapsed: boolean) => void;
  /** The pause key: the shell stores the new state and passes it back as `paused`. */
  onPausedChange: (paused: boolean) => void;
  onNavigate: (url: string) => void;
  onOpen: (url: string) => void;
  onSearch: () => void;
  /** Resolve when stored; reject to have the failure announced. */
  onBookmarkSave: (note: string) => Promise<void>;
  onBookmarkRemove: () => Promise<void>;
}

/** Actions for an item page only; on a meeting or organ page their keys go on to the page. */
const ITEM_ACTIONS = /^(proposal|decision|attachments|bookmark)$/;

function heading(view: PageView, t: Translate): string {
  if (view.kind === 'meetingItem') return view.title ?? (joined(view.organ, sectionLabel(t, view.section, view.agendaNumber)) || t('landmark_meetingItem'));
  if (view.kind === 'meeting') return joined(view.organ, view.meetingDate, view.documentKind && t(`doc_${view.documentKind}`)) || t('meetingItems');
  return view.organ ? t('organMeetingsOf', view.organ) : t('organMeetings');
}

interface AppState {
  collapsed: boolean;
  helpOpen?: boolean;
  formOpen?: boolean;
  busy?: boolean;
  /** Index of the selected row on a meeting or organ page; -1: none. */
  selected: number;
  announcement?: string;
}

/**
 * Its buttons carry no type="button": outside the bookmark form there is no form for them to submit.
 *
 * State and refs live in class components throughout components/panel, never in hooks: preact/hooks
 * (with createContext) would add 3 kB to every Dynasty page (bench: content_script_bytes). Members are
 * `#private` rather than TS `private` because the minifier shortens only the former.
 */
export class PykalaApp extends Component<PykalaAppProps, AppState> implements Controller {
  override state: AppState = { collapsed: this.props.collapsed, selected: -1 };
  readonly #container = createRef<HTMLElement>();
  #seq = 0;
  /** What had focus in the panel when the help dialog opened; it gets focus back on close. */
  #beforeHelp: Element | null = null;
  /** The bookmark form closed while it held focus: the bookmark button that takes its place gets it. */
  #refocus = false;

  constructor(props: PykalaAppProps) {
    super(props);
    props.controller.current = this;
  }

  override componentDidMount() {
    this.componentDidUpdate({});
  }

  /** Says when the keys were paused (here, in another tab, or before this page loaded) or resumed. */
  override componentDidUpdate(previous: Partial<PykalaAppProps>) {
    const { paused } = this.props;
    if (previous.paused !== paused) this.#announce(paused ? 'keysPaused' : '');
    if (this.#refocus) this.#container.current!.querySelector<HTMLElement>('[data-pykala="bookmark-state"] button')?.focus();
    this.#refocus = false;
  }

  /** Says `t(key, t(what))` in the live region ('' says nothing). */
  #announce(key: string, what?: string) {
    const { t } = this.props;
    // A changing suffix makes screen readers repeat an identical message.
    this.setState({ announcement: (key && t(key, what && t(what))) + (++this.#seq % 2 ? '' : '\u00a0') });
  }

  #help(helpOpen: boolean) {
    // Already so (? pressed again in the open dialog): focus stays in the dialog.
    if (helpOpen === !!this.state.helpOpen) return;
    if (helpOpen) this.#beforeHelp = (this.#container.current!.getRootNode() as ShadowRoot).activeElement;
    else if (this.#beforeHelp?.isConnected) (this.#beforeHelp as HTMLElement).focus();
    this.setState({ helpOpen });
  }

  #form(formOpen: boolean) {
    // Without this, focus falls to the page's body when the form goes and the keyboard user loses their place.
    // Focus in the form, or already lost to the body (the Save button was disabled while saving): not when the
    // user has moved on to something else meanwhile.
    const active = (this.#container.current!.getRootNode() as ShadowRoot).activeElement;
    this.#refocus = !formOpen && (active ? !!active.closest('form') : document.activeElement === document.body);
    this.setState({ formOpen });
  }

  #setCollapsed(collapsed: boolean) {
    this.setState({ collapsed });
    this.props.onCollapsedChange(collapsed);
  }

  /** Expands the panel; `then` runs with its container after the re-render. */
  #expand(then?: (container: HTMLElement) => void) {
    if (this.state.collapsed) this.#setCollapsed(false);
    if (then) setTimeout(() => this.#container.current && then(this.#container.current), 0);
  }

  #reveal(field: 'proposal' | 'decision' | 'attachments') {
    this.#expand((container) => {
      const el = container.querySelector<HTMLElement>(`[data-field="${field}"]`);
      if (!el) return this.#announce('fieldNotFound', `field_${field}`);
      if (el instanceof HTMLDetailsElement) el.open = true;
      const target = el.querySelector<HTMLElement>('summary, h3')!;
      target.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
      target.focus({ preventScroll: true });
    });
  }

  /** The rows j / k move through: a meeting's items or an organ's meetings. */
  #rows(): readonly { href: string | null }[] {
    const { view } = this.props;
    return view.kind === 'meeting' ? view.items : view.kind === 'organMeetings' ? view.meetings : [];
  }

  #select(delta: number) {
    const next = moveSelection(this.state.selected, delta, this.#rows().length);
    this.setState({ selected: next });
    this.#expand((container) => {
      const row = container.querySelectorAll<HTMLElement>('#pk-items > li')[next];
      row?.scrollIntoView?.({ block: 'nearest' });
      row?.querySelector('a')?.focus({ preventScroll: true });
    });
  }

  /** Goes to `url`, or says there is no `what` to go to. */
  #go(url: string | null | undefined, what: string) {
    this.#announce(url ? 'opening' : 'noTarget', what);
    if (url) this.props.onNavigate(url);
  }

  act(action: Action): boolean {
    const { view, neighbours, paused } = this.props;
    const { helpOpen, formOpen, selected } = this.state;
    const item = view.kind === 'meetingItem';
    // The help dialog is modal: while it is open, keys other than help, close and pause do nothing.
    if (helpOpen && !/^(help|close|pause)$/.test(action)) return true;
    // Where an action does not apply, its key goes on to the page.
    if (item ? action === 'open' : ITEM_ACTIONS.test(action) || (action === 'up' && view.kind === 'organMeetings')) return false;
    switch (action) {
      case 'pause':
        this.props.onPausedChange(!paused);
        break;
      case 'help':
        this.#help(true);
        break;
      case 'close':
        if (helpOpen) this.#help(false);
        else if (formOpen) this.#form(false);
        else return false;
        break;
      case 'search':
        this.#announce('openingSearch');
        this.props.onSearch();
        break;
      case 'next':
      case 'previous':
        if (item) this.#go(neighbours?.[action], `action_${action}`);
        else this.#select(action === 'next' ? 1 : -1);
        break;
      case 'open':
        if (selected < 0) return false;
        this.#go(this.#rows()[selected]?.href, 'action_open');
        break;
      case 'up':
        if (neighbours?.up) this.#go(neighbours.up, item ? 'link_meeting' : 'organMeetings');
        else this.#announce('noWayUp');
        break;
      case 'pdf': {
        const pdf = item ? view.links.pdf : view.kind === 'meeting' ? view.pdf : null;
        if (pdf) this.props.onOpen(pdf);
        else this.#announce('noTarget', 'link_pdf');
        break;
      }
      case 'bookmark':
        this.#expand();
        this.#form(true);
        break;
      default:
        // What is left (the type says so): proposal, decision, attachments.
        this.#reveal(action);
    }
    return true;
  }

  /** Runs a bookmark change: the form closes when it worked, and the outcome is announced either way. */
  #changeBookmark(change: Promise<void>, done: string) {
    this.setState({ busy: true });
    change.then(
      () => {
        this.#form(false);
        this.setState({ busy: false });
        this.#announce(done);
      },
      () => {
        this.setState({ busy: false });
        this.#announce('bookmarkFailed');
      },
    );
  }

  override render() {
    const { view, t, keymap, paused, bookmark, markers, changedSinceRead, onBookmarkSave, onBookmarkRemove } = this.props;
    const { collapsed, formOpen, selected, busy, announcement, helpOpen } = this.state;
    const kind = view.kind;
    return (
      <>
        <aside
          class="pk"
          aria-label={t(`landmark_${kind}`)}
          ref={this.#container}
          data-pykala="panel"
        >
          <div class="head">
            <h2 data-field={kind === 'meetingItem' && view.title ? 'title' : undefined}>{heading(view, t)}</h2>
            <div class="acts">
              <button aria-expanded={!collapsed} aria-controls="pk-body" onClick={() => this.#setCollapsed(!collapsed)}>
                {t(collapsed ? 'expand' : 'collapse')}
              </button>
              <button onClick={() => this.#help(true)}>
                {t('helpButton')}
              </button>
            </div>
          </div>
          <div id="pk-body" hidden={collapsed}>
            {kind === 'meetingItem' ? (
              itemPanel(
                t,
                view,
                changedSinceRead,
                <div data-pykala="bookmark-state" data-bookmarked={!!bookmark}>
                  {formOpen ? (
                    bookmarkForm(
                      t,
                      bookmark,
                      busy,
                      (note) => this.#changeBookmark(onBookmarkSave(note), 'bookmarkSaved'),
                      () => this.#changeBookmark(onBookmarkRemove(), 'bookmarkRemoved'),
                      () => this.#form(false),
                    )
                  ) : (
                    <p>
                      {bookmark ? (
                        <>
                          <span class="badge">{t('bookmarked')}</span>
                          {bookmark.note ? <span class="note"> {bookmark.note}</span> : null}{' '}
                        </>
                      ) : null}
                      <button onClick={() => this.#form(true)}>
                        {t(bookmark ? 'bookmarkEdit' : 'bookmarkAdd')}
                      </button>
                    </p>
                  )}
                </div>,
              )
            ) : kind === 'meeting' ? (
              meetingOverview(t, view, markers, selected)
            ) : (
              organMeetingsList(t, view, selected)
            )}
            <p class="foot">
              {(['help', 'pause'] as const).map((action) => (
                <span>
                  <kbd>{keyLabel(keymap[action])}</kbd> {t(paused && action === 'pause' ? 'keysPausedShort' : `action_${action}`)}
                </span>
              ))}
            </p>
          </div>
          <div class="sr" role="status" aria-live="polite">
            {announcement}
          </div>
        </aside>
        {helpOpen ? helpOverlay(t, keymap, () => this.#help(false)) : null}
      </>
    );
  }
}
