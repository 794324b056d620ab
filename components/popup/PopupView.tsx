/**
 * The popup: a search box with results as you type, recent items and bookmarks. Fully usable by
 * keyboard: arrows move the selection across the visible list, Enter opens, Escape clears.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ResultView } from '@/lib/library/results';
import { ResultList, type Translate } from '../library/ResultList';

export interface PopupSearch {
  results: ResultView[];
  /** null: not counted yet (the first results came from the index's top lists); `count` counts. */
  total: number | null;
  corrections: string[];
  count?: () => Promise<number>;
  /** The count was asked for and failed: the heading stays without a number, and a note says so. */
  countFailed?: boolean;
}

export interface PopupViewProps {
  t: Translate;
  search: (query: string) => Promise<PopupSearch>;
  recent: ResultView[];
  bookmarks: ResultView[];
  open: (result: ResultView) => void;
  openLibrary: (query: string) => void;
  /** The feed watcher's "New" section. */
  newSection?: ComponentChildren;
  /** Shown instead of results while the index is being built. */
  status?: string | null;
  /** Results are on screen (after the paint that shows them). */
  onResults?: () => void;
  /** Results are in the document (before that paint). */
  onRendered?: () => void;
  /** Recent items and bookmarks have been read (tests wait for it). */
  loaded?: boolean;
  /** Bumped when the index caught up with recent changes: the shown results are searched again. */
  revision?: number;
}

export function PopupView(props: PopupViewProps) {
  const { t } = props;
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<(PopupSearch & { query: string }) | null>(null);
  const [selected, setSelected] = useState(-1);
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => input.current?.focus(), []);

  // A keystroke searches at once, in its own event (an effect would wait for the next paint).
  const run = (value: string) => {
    const q = value.trim();
    const ticket = ++latest.current;
    if (!q) {
      setFound(null);
      setSelected(-1);
      return;
    }
    props.search(q).then(
      (r) => {
        if (ticket !== latest.current) return; // an older query answered late
        setFailure(null);
        setFound({ ...r, query: q });
        setSelected(r.results.length ? 0 : -1);
      },
      (error: unknown) => {
        if (ticket === latest.current) setFailure(t('library_searchFailed', error instanceof Error ? error.message : String(error)));
      },
    );
  };
  const type = (value: string) => {
    setQuery(value);
    run(value);
  };

  // The index caught up with recent changes: the shown query is searched again.
  useEffect(() => {
    if (props.revision) run(query);
  }, [props.revision]);

  useLayoutEffect(() => {
    if (found) props.onRendered?.();
  }, [found]);

  useEffect(() => {
    if (!found) return;
    props.onResults?.();
    // Counted once the results are on screen, so that counting never holds them up.
    if (found.total === null && found.count) {
      const ticket = latest.current;
      found.count().then(
        (total) => {
          if (ticket === latest.current) setFound((f) => (f && f.query === found.query ? { ...f, total, count: undefined } : f));
        },
        () => {
          if (ticket === latest.current) setFound((f) => (f && f.query === found.query ? { ...f, count: undefined, countFailed: true } : f));
        },
      );
    }
  }, [found]);

  const visible = found ? found.results : [...props.recent, ...props.bookmarks];

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setSelected((s) => Math.min(visible.length - 1, s + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setSelected((s) => Math.max(-1, s - 1));
    } else if (event.key === 'Enter') {
      const r = visible[selected];
      if (r) {
        event.preventDefault();
        props.open(r);
      } else if (query.trim()) props.openLibrary(query.trim());
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      type('');
    }
  };

  const activeId = selected >= 0 ? `pk-popup-opt-${selected}` : undefined;
  return (
    <div class="pk-popup" onKeyDown={onKey} data-ready={props.loaded ? 'true' : 'false'}>
      <h1 class="pk-visually-hidden">{t('popupTitle')}</h1>
      <header class="pk-bar">
        <label class="pk-visually-hidden" for="pk-q">
          {t('library_searchLabel')}
        </label>
        <input
          id="pk-q"
          ref={input}
          type="search"
          aria-expanded={visible.length > 0}
          aria-controls="pk-popup"
          aria-activedescendant={activeId}
          autocomplete="off"
          placeholder={t('library_searchPlaceholder')}
          value={query}
          onInput={(e) => type((e.target as HTMLInputElement).value)}
        />
        <button type="button" onClick={() => props.openLibrary(query.trim())}>
          {t('library_openLibrary')}
        </button>
      </header>
      {props.status && <p class="pk-status" role="status">{props.status}</p>}
      {failure && <p class="pk-status" role="alert">{failure}</p>}
      {found ? (
        <section aria-live="polite" data-query={found.query}>
          <h2 class="pk-h">
            {found.total === 0 ? t('library_noResults') : found.total === null ? t('library_results') : t('library_resultCount', String(found.total))}
          </h2>
          {found.countFailed && <p class="pk-hint" role="status">{t('popup_countFailed')}</p>}
          {found.corrections.length > 0 && <p class="pk-hint">{t('library_didYouMean', found.corrections.slice(0, 3).join(', '))}</p>}
          <ResultList id="pk-popup" label={t('library_results')} results={found.results} t={t} selected={selected} onSelect={setSelected} onOpen={props.open} />
        </section>
      ) : (
        <>
          {props.newSection}
          <section>
            <h2 class="pk-h">{t('library_recent')}</h2>
            {props.recent.length ? (
              <ResultList id="pk-popup" label={t('library_recent')} results={props.recent} t={t} selected={selected} onSelect={setSelected} onOpen={props.open} />
            ) : (
              <p class="pk-hint">{t('library_recentEmpty')}</p>
            )}
          </section>
          <section>
            <h2 class="pk-h">{t('library_bookmarks')}</h2>
            {props.bookmarks.length ? (
              <ResultList
                id="pk-popup-bm"
                label={t('library_bookmarks')}
                results={props.bookmarks}
                t={t}
                selected={selected - props.recent.length}
                onOpen={props.open}
              />
            ) : (
              <p class="pk-hint">{t('library_bookmarksEmpty')}</p>
            )}
          </section>
        </>
      )}
    </div>
  );
}
