/**
 * The library page: search with facets, bookmarks grouped by tag with their notes, export and import,
 * and rebuilding the index with a progress bar. Data and actions come in through `api`.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ResultView } from '@/lib/library/results';
import type { FacetCounts, FacetName, Facets } from '@/lib/search/index';
import { ResultList, ResultLine, type Translate } from './ResultList';

export interface LibrarySearch {
  results: ResultView[];
  total: number;
  facets: FacetCounts;
  corrections: string[];
}

export interface ItemRefView {
  portal: string;
  itemId: string;
}

export interface LibraryApi {
  search(query: string, facets: Facets): Promise<LibrarySearch>;
  bookmarks(): Promise<ResultView[]>;
  saveBookmark(ref: ItemRefView, note: string, tags: string): Promise<void>;
  removeBookmark(ref: ItemRefView): Promise<void>;
  deleteItem(ref: ItemRefView): Promise<void>;
  exportBackup(): Promise<void>;
  exportMarkdown(): Promise<void>;
  /** Resolves to a message for the user; rejects with one. */
  importBackup(file: File): Promise<string>;
  rebuild(onProgress: (done: number, total: number) => void): Promise<void>;
  open(result: ResultView): void;
  syncMessage(): Promise<string | null>;
}

const FACETS: FacetName[] = ['portal', 'organ', 'year', 'outcome', 'bookmarked', 'tag'];

function facetValueLabel(t: Translate, facet: FacetName, value: string): string {
  if (facet === 'outcome') return t(`library_outcome_${value.replace('-', '_')}`);
  if (facet === 'bookmarked') return t('library_facetBookmarkedYes');
  if (facet === 'portal') return value.replace(/^https?:\/\//, '');
  return value;
}

export function LibraryView(props: { t: Translate; api: LibraryApi; initialQuery?: string; focus?: 'search' | 'bookmarks' }) {
  const { t, api } = props;
  const [query, setQuery] = useState(props.initialQuery ?? '');
  const [facets, setFacets] = useState<Facets>({});
  const [found, setFound] = useState<LibrarySearch | null>(null);
  const [marks, setMarks] = useState<ResultView[]>([]);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [progress, setProgress] = useState<[number, number] | null>(null);
  const [selected, setSelected] = useState(-1);
  const [version, setVersion] = useState(0);
  const searchBox = useRef<HTMLInputElement>(null);
  const bookmarksHeading = useRef<HTMLHeadingElement>(null);
  const latest = useRef(0);
  const showError = (error: unknown) => setMessage({ text: error instanceof Error ? error.message : String(error), error: true });

  useEffect(() => {
    if (props.focus === 'bookmarks') bookmarksHeading.current?.focus();
    else searchBox.current?.focus();
    void api.syncMessage().then((m) => m && setMessage({ text: m, error: true }));
  }, []);

  useEffect(() => {
    const ticket = ++latest.current;
    void api.search(query.trim(), facets).then(
      (r) => {
        if (ticket !== latest.current) return;
        setFound(r);
        setSelected(-1);
      },
      (error: unknown) => ticket === latest.current && showError(error),
    );
  }, [query, facets, version]);

  useEffect(() => {
    void api.bookmarks().then(setMarks, showError);
  }, [version]);

  const refresh = () => setVersion((v) => v + 1);
  const run = async (action: () => Promise<string | void>) => {
    try {
      const text = await action();
      if (text) setMessage({ text, error: false });
      refresh();
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    }
  };

  const toggle = (facet: FacetName, value: string) => {
    setFacets((f) => {
      if (facet === 'bookmarked') return { ...f, bookmarked: f.bookmarked ? undefined : true };
      const list = (f[facet] as string[] | undefined) ?? [];
      return { ...f, [facet]: list.includes(value) ? list.filter((v) => v !== value) : [...list, value] };
    });
  };
  const isOn = (facet: FacetName, value: string) =>
    facet === 'bookmarked' ? facets.bookmarked === true : ((facets[facet] as string[] | undefined) ?? []).includes(value);

  const groups = useMemo(() => {
    const byTag = new Map<string, ResultView[]>();
    for (const m of marks) for (const tag of m.tags.length ? m.tags : ['']) byTag.set(tag, [...(byTag.get(tag) ?? []), m]);
    return [...byTag.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'fi')));
  }, [marks]);

  const onKey = (event: KeyboardEvent) => {
    const list = found?.results ?? [];
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setSelected((s) => Math.min(list.length - 1, s + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setSelected((s) => Math.max(-1, s - 1));
    } else if (event.key === 'Enter' && list[selected]) {
      event.preventDefault();
      api.open(list[selected]!);
    }
  };

  return (
    <div class="pk-library">
      <h1 class="pk-page-title">{t('libraryTitle')}</h1>
      <div class="pk-bar" role="search">
        <label for="pk-lq" class="pk-visually-hidden">
          {t('library_searchLabel')}
        </label>
        <input
          id="pk-lq"
          ref={searchBox}
          type="search"
          autocomplete="off"
          placeholder={t('library_searchPlaceholder')}
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          onKeyDown={onKey}
          aria-controls="pk-library-results"
          aria-activedescendant={selected >= 0 ? `pk-library-results-opt-${selected}` : undefined}
        />
      </div>
      {message && (
        <p class={message.error ? 'pk-message pk-error' : 'pk-message'} role={message.error ? 'alert' : 'status'} data-testid="library-message">
          {message.text}
          <button type="button" class="pk-link" onClick={() => setMessage(null)} aria-label={t('library_dismiss')}>
            ×
          </button>
        </p>
      )}
      <div class="pk-columns">
        <nav class="pk-facets" aria-label={t('library_facets')}>
          {found &&
            FACETS.map((facet) => {
              const values = Object.entries(found.facets[facet]).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fi')).slice(0, 12);
              if (!values.length) return null;
              return (
                <fieldset key={facet}>
                  <legend>{t(`library_facet_${facet}`)}</legend>
                  {values.map(([value, count]) => (
                    <label key={value}>
                      <input type="checkbox" checked={isOn(facet, value)} onChange={() => toggle(facet, value)} />{' '}
                      {facetValueLabel(t, facet, value)} <span class="pk-count">{count}</span>
                    </label>
                  ))}
                </fieldset>
              );
            })}
        </nav>
        <main class="pk-main">
          <section aria-live="polite">
            <h2>{query.trim() ? (found ? t('library_resultCount', String(found.total)) : '') : t('library_allItems')}</h2>
            {found && found.corrections.length > 0 && <p class="pk-hint">{t('library_didYouMean', found.corrections.slice(0, 3).join(', '))}</p>}
            {found && found.total === 0 && <p class="pk-hint">{t('library_noResults')}</p>}
            {found && (
              <ResultList
                id="pk-library-results"
                label={t('library_results')}
                results={found.results}
                t={t}
                selected={selected}
                onSelect={setSelected}
                onOpen={api.open}
                onDelete={(r) => {
                  if (confirm(t('library_confirmDeleteItem'))) void run(() => api.deleteItem({ portal: r.portal, itemId: r.itemId }));
                }}
              />
            )}
          </section>
          <section class="pk-bookmarks">
            <h2 ref={bookmarksHeading} tabIndex={-1} id="bookmarks">
              {t('library_bookmarks')}
            </h2>
            {groups.length === 0 && <p class="pk-hint">{t('library_bookmarksEmpty')}</p>}
            {groups.map(([tag, list]) => (
              <section key={tag || '-'} class="pk-tag-group" data-tag={tag}>
                <h3>{tag || t('library_untagged')}</h3>
                <ul class="pk-results">
                  {list.map((b) => (
                    <BookmarkCard key={`${tag}|${b.key}`} bookmark={b} t={t} api={api} onDone={refresh} onError={(text) => setMessage({ text, error: true })} />
                  ))}
                </ul>
              </section>
            ))}
          </section>
          <section class="pk-tools">
            <h2>{t('library_backupHeading')}</h2>
            <p class="pk-hint">{t('library_backupHelp')}</p>
            <div class="pk-row">
              <button type="button" data-action="export" onClick={() => void run(() => api.exportBackup())}>
                {t('library_exportJson')}
              </button>
              <button type="button" data-action="export-markdown" onClick={() => void run(() => api.exportMarkdown())}>
                {t('library_exportMarkdown')}
              </button>
              <label class="pk-file">
                {t('library_import')}{' '}
                <input
                  type="file"
                  accept="application/json,.json"
                  data-action="import"
                  onChange={(e) => {
                    const input = e.target as HTMLInputElement;
                    const file = input.files?.[0];
                    if (file) void run(() => api.importBackup(file)).finally(() => (input.value = ''));
                  }}
                />
              </label>
            </div>
            <h2>{t('library_indexHeading')}</h2>
            <div class="pk-row">
              <button
                type="button"
                disabled={progress !== null}
                onClick={() => {
                  setProgress([0, 1]);
                  void run(() => api.rebuild((d, n) => setProgress([d, n]))).finally(() => setProgress(null));
                }}
              >
                {t('library_rebuild')}
              </button>
              {progress && (
                <progress max={Math.max(1, progress[1])} value={progress[0]} aria-label={t('library_rebuilding')}>
                  {progress[0]}
                </progress>
              )}
            </div>
          </section>
        </main>
      </div>
    </div>
  );
}

function BookmarkCard(props: { bookmark: ResultView; t: Translate; api: LibraryApi; onDone: () => void; onError: (text: string) => void }) {
  const { bookmark: b, t, api } = props;
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState(b.note ?? '');
  const [tags, setTags] = useState(b.tags.join(', '));
  const ref = { portal: b.portal, itemId: b.itemId };
  const act = (action: () => Promise<void>) =>
    action().then(props.onDone, (e: unknown) => props.onError(e instanceof Error ? e.message : String(e)));
  return (
    <li class="pk-result pk-bookmark" data-item-id={b.itemId}>
      {b.url ? (
        <a href={b.url} rel="noopener noreferrer" target="_blank" onClick={(e) => (e.preventDefault(), api.open(b))}>
          <ResultLine result={{ ...b, snippet: [] }} t={t} />
        </a>
      ) : (
        <ResultLine result={{ ...b, snippet: [] }} t={t} />
      )}
      {!editing && b.note && <p class="pk-note" data-field="note">{b.note}</p>}
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => api.saveBookmark(ref, note, tags)).then(() => setEditing(false));
          }}
        >
          <label>
            {t('library_note')}
            <textarea value={note} rows={3} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
          </label>
          <label>
            {t('library_tags')}
            <input type="text" value={tags} onInput={(e) => setTags((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit">{t('library_save')}</button>
          <button type="button" onClick={() => setEditing(false)}>
            {t('library_cancel')}
          </button>
        </form>
      ) : (
        <div class="pk-row">
          <button type="button" class="pk-link" onClick={() => setEditing(true)}>
            {t('library_editNote')}
          </button>
          <button type="button" class="pk-link" onClick={() => void act(() => api.removeBookmark(ref))}>
            {t('library_removeBookmark')}
          </button>
          <button
            type="button"
            class="pk-link"
            onClick={() => {
              if (confirm(t('library_confirmDeleteItem'))) void act(() => api.deleteItem(ref));
            }}
          >
            {t('library_deleteItem')}
          </button>
        </div>
      )}
    </li>
  );
}
