/** An organ's meetings: the next and the previous meeting first, then a compact list. */
import type { OrganMeetingsView } from '@/lib/reading/viewmodel';
import type { Translate } from './i18n';
import { joined, linkOr, rowState } from './parts';

type Meeting = OrganMeetingsView['meetings'][number];

const meetingLink = (t: Translate, m: Meeting) => linkOr(m.href, joined(m.date ?? t('unknownDate'), m.documentKind && t(`doc_${m.documentKind}`)));

export function organMeetingsList(t: Translate, v: OrganMeetingsView, selected: number) {
  return (
    <div>
      <ul class="links">
        {(['next', 'previous'] as const).map((which) => {
          const m = v.meetings[v[which]];
          return m ? (
            <li>
              {t(`${which}Meeting`)}: {meetingLink(t, m)}
            </li>
          ) : null;
        })}
      </ul>
      <ol class="items cols" id="pk-items" data-field="meetings">
        {v.meetings.map((m, i) => (
          <li {...rowState(i, selected)}>
            {meetingLink(t, m)}
          </li>
        ))}
      </ol>
    </div>
  );
}
