/**
 * A list of found or recent items: organ, date, §, title and a snippet with the match marked. Text
 * comes in as segments and is rendered as text nodes and <mark> elements, never as HTML.
 */
import type { ResultView } from '@/lib/library/results';
import { formatDate } from '@/lib/library/results';
import type { Segment } from '@/lib/search/snippet';

export type Translate = (key: string, substitutions?: string | string[]) => string;

export function Marked(props: { segments: Segment[] }) {
  return (
    <>
      {props.segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}

export function ResultLine(props: { result: ResultView; t: Translate }) {
  const { result: r, t } = props;
  const where = [r.organ, formatDate(r.date), r.section !== null ? `§ ${r.section}` : null].filter(Boolean).join(' · ');
  return (
    <>
      <span class="pk-meta">
        {where}
        {r.kind === 'feed' && <span class="pk-badge">{t('library_badgeFeed')}</span>}
        {r.bookmarked && <span class="pk-badge pk-badge-bookmark">{t('library_badgeBookmarked')}</span>}
        {r.changed && <span class="pk-badge pk-badge-changed">{t('library_badgeChanged')}</span>}
        {r.route === 'exact' && <span class="pk-badge">{t('library_badgeExact')}</span>}
      </span>
      <span class="pk-title">
        <Marked segments={r.title} />
      </span>
      {r.snippet.length > 0 && (
        <span class="pk-snippet">
          <Marked segments={r.snippet} />
        </span>
      )}
    </>
  );
}

export interface ResultListProps {
  results: ResultView[];
  t: Translate;
  /** Index of the keyboard selection, -1 for none. */
  selected?: number;
  onOpen: (result: ResultView) => void;
  onSelect?: (index: number) => void;
  label: string;
  id?: string;
  /** When given, each item gets a "delete from history" button. */
  onDelete?: (result: ResultView) => void;
}

export function ResultList(props: ResultListProps) {
  const { results, t, selected = -1 } = props;
  return (
    <ul class="pk-results" role="listbox" aria-label={props.label} id={props.id}>
      {results.map((r, i) => (
        <li
          key={r.key}
          id={`${props.id ?? 'pk'}-opt-${i}`}
          role="option"
          aria-selected={i === selected}
          class={i === selected ? 'pk-result pk-selected' : 'pk-result'}
          data-item-id={r.itemId}
          data-portal={r.portal}
          onMouseEnter={() => props.onSelect?.(i)}
          onClick={(event) => {
            event.preventDefault();
            props.onOpen(r);
          }}
        >
          {r.url ? (
            <a href={r.url} tabIndex={-1} rel="noopener noreferrer" target="_blank">
              <ResultLine result={r} t={t} />
            </a>
          ) : (
            <span>
              <ResultLine result={r} t={t} />
            </span>
          )}
          {props.onDelete && r.kind === 'item' && (
            <button
              type="button"
              class="pk-link"
              data-action="delete-item"
              onClick={(event) => {
                event.stopPropagation();
                props.onDelete!(r);
              }}
            >
              {t('library_deleteItem')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
