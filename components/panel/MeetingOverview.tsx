/**
 * Meeting overview: every item with §, title and markers (read, bookmarked, new since the last
 * visit). Markers come from the background; without an answer the list simply shows none.
 */
import type { ItemMarkers } from '@/lib/messages';
import type { MeetingView } from '@/lib/reading/viewmodel';
import type { Translate } from './i18n';
import { linkOr, rowState } from './parts';

/** The markers a row can show, in order: ItemMarkers keys, each also the class m-<key> and the text reading_marker_<key>. */
const MARKERS = ['isNew', 'bookmarked', 'read'] as const;

export function meetingOverview(t: Translate, v: MeetingView, markers: Record<string, ItemMarkers> | null | undefined, selected: number) {
  return (
    <div>
      {v.pdf ? (
        <p data-field="pdfUrl">
          <a href={v.pdf}>
            {t('link_meetingPdf')}
          </a>
        </p>
      ) : null}
      <ol class="items" id="pk-items" data-field="items">
        {v.items.map((item, i) => {
          const m = item.itemId ? markers?.[item.itemId] : undefined;
          return (
            <li {...rowState(i, selected)}>
              <span class="num">{item.section === null ? '' : v.documentKind === 'agenda' ? `${item.section}.` : `§ ${item.section}`}</span>
              <span>
                {linkOr(item.href, item.title)}
                {item.hasAttachments ? <span class="note"> ({t('hasAttachments')})</span> : null}
              </span>
              {MARKERS.map((key) =>
                m?.[key] ? (
                  <span class={`mark m-${key}`}>
                    {t(`marker_${key}`)}
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
