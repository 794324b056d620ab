/** An organ's meetings: the next and the previous meeting first, then a compact list. */
import type { OrganMeetingsView } from '@/lib/reading/viewmodel';
import type { Translate } from './i18n';

type Meeting = OrganMeetingsView['meetings'][number];

function MeetingLink({ t, meeting }: { t: Translate; meeting: Meeting }) {
  const label = [meeting.date ?? t('reading_unknownDate'), meeting.documentKind ? t(`reading_doc_${meeting.documentKind}`) : null]
    .filter(Boolean)
    .join(' ');
  return meeting.href ? <a href={meeting.href}>{label}</a> : <>{label}</>;
}

export function OrganMeetingsList(props: { t: Translate; view: OrganMeetingsView; selected: number }) {
  const { t, view: v } = props;
  const next = v.meetings[v.next];
  const previous = v.meetings[v.previous];
  return (
    <div class="pk-organ">
      <ul class="pk-links">
        {next ? (
          <li data-pykala="next-meeting">
            {t('reading_nextMeeting')}: <MeetingLink t={t} meeting={next} />
          </li>
        ) : null}
        {previous ? (
          <li data-pykala="previous-meeting">
            {t('reading_previousMeeting')}: <MeetingLink t={t} meeting={previous} />
          </li>
        ) : null}
      </ul>
      <ol class="pk-items" data-pykala="items">
        {v.meetings.map((m, i) => (
          <li
            key={m.meetingId ?? i}
            data-meeting-id={m.meetingId ?? undefined}
            class={i === props.selected ? 'pk-selected' : undefined}
            aria-current={i === props.selected ? 'true' : undefined}
          >
            <MeetingLink t={t} meeting={m} />
          </li>
        ))}
      </ol>
    </div>
  );
}
