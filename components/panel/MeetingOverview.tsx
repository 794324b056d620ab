/**
 * Meeting overview: every item with §, title and markers (read, bookmarked, new since the last
 * visit). Markers come from the background; without an answer the list simply shows none.
 */
import type { ItemMarkers } from '@/lib/messages';
import type { MeetingView } from '@/lib/reading/viewmodel';
import type { Translate } from './i18n';
import { linkOr, rowState } from './parts';

/** [ItemMarkers key, marker name (class m-<name>, reading_marker_<name>)]. */
const MARKERS = [
  ['isNew', 'new'],
  ['bookmarked', 'bookmarked'],
  ['read', 'read'],
] as const;

export function meetingOverview(t: Translate, v: MeetingView, markers: Record<string, ItemMarkers> | null | undefined, selected: number) {
  return (
    <div>
      {v.pdf ? (
        <p>
          <a href={v.pdf}>
            {t('link_meetingPdf')}
          </a>
        </p>
      ) : null}
      <ol class="items" id="pk-items">
        {v.items.map((item, i) => {
          const m = item.itemId ? markers?.[item.itemId] : undefined;
          return (
            <li {...rowState(i, selected)}>
              <span class="num">{item.section === null ? '' : v.documentKind === 'agenda' ? `${item.section}.` : `§ ${item.section}`}</span>
              <span>
                {linkOr(item.href, item.title)}
                {item.hasAttachments ? <span class="note"> ({t('hasAttachments')})</span> : null}
              </span>
              {MARKERS.map(([key, name]) =>
                m?.[key] ? (
                  <span class={`mark m-${name}`}>
                    {t(`marker_${name}`)}
                  </span>
                ) : null,
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
