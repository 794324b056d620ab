/**
 * Meeting overview: every item with §, title and markers (read, bookmarked, new since the last
 * visit). Markers come from the background; without an answer the list simply shows none.
 */
import type { ItemMarkers } from '@/lib/messages';
import type { MeetingView } from '@/lib/reading/viewmodel';
import type { Translate } from './i18n';

export function MeetingOverview(props: {
  t: Translate;
  view: MeetingView;
  markers: Record<string, ItemMarkers> | null;
  selected: number;
}) {
  const { t, view: v } = props;
  return (
    <div class="pk-meeting">
      {v.pdf ? (
        <p>
          <a href={v.pdf} data-link="pdf">
            {t('reading_link_meetingPdf')}
          </a>
        </p>
      ) : null}
      <ol class="pk-items" data-pykala="items">
        {v.items.map((item, i) => {
          const m = item.itemId ? props.markers?.[item.itemId] : undefined;
          const number = item.section !== null ? (v.documentKind === 'agenda' ? `${item.section}.` : `§ ${item.section}`) : '';
          return (
            <li
              key={item.itemId ?? i}
              data-item-id={item.itemId ?? undefined}
              class={i === props.selected ? 'pk-selected' : undefined}
              aria-current={i === props.selected ? 'true' : undefined}
            >
              <span class="pk-num">{number}</span>
              <span>
                {item.href ? <a href={item.href}>{item.title}</a> : item.title}
                {item.hasAttachments ? <span class="pk-note"> ({t('reading_hasAttachments')})</span> : null}
              </span>
              {m?.isNew ? <span class="pk-mark pk-mark-new" data-marker="new">{t('reading_marker_new')}</span> : null}
              {m?.bookmarked ? (
                <span class="pk-mark pk-mark-bookmarked" data-marker="bookmarked">
                  {t('reading_marker_bookmarked')}
                </span>
              ) : null}
              {m?.read ? <span class="pk-mark pk-mark-read" data-marker="read">{t('reading_marker_read')}</span> : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
