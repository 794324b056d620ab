/**
 * The item summary: organ, date, §, title, diary number, people with contact links, proposal,
 * decision with its outcome badge, the proposal -> decision word diff, attachments, earlier handling
 * rounds and links. Every shown field carries data-field=<contract name>; a field not found is left
 * out and listed in a small note. All page text is rendered as text.
 */
import type { ComponentChildren } from 'preact';
import type { BookmarkData } from '@/lib/messages';
import type { ItemView, PersonView } from '@/lib/reading/viewmodel';
import { BookmarkForm } from './BookmarkForm';
import type { Translate } from './i18n';

export interface ItemPanelProps {
  t: Translate;
  view: ItemView;
  /** undefined: not known (the background did not answer). */
  bookmark: BookmarkData | null | undefined;
  changedSinceRead: boolean;
  bookmarkFormOpen: boolean;
  bookmarkBusy: boolean;
  onBookmarkOpen: () => void;
  onBookmarkSave: (note: string) => void;
  onBookmarkRemove: () => void;
  onBookmarkCancel: () => void;
}

function Person({ t, person }: { t: Translate; person: PersonView }) {
  return (
    <li>
      <span class="pk-note">{t(`reading_role_${person.role}`)}: </span>
      {person.name}
      {person.phone ? (
        <>
          {', '}
          {person.phoneHref ? <a href={person.phoneHref}>{person.phone}</a> : person.phone}
        </>
      ) : null}
      {person.email ? (
        <>
          {', '}
          {person.emailHref ? <a href={person.emailHref}>{person.email}</a> : person.email}
        </>
      ) : null}
    </li>
  );
}

/** One row of the summary's facts; left out when the page did not show the value. */
function Meta({ field, label, value }: { field: string; label: string; value: string | null }) {
  return value ? (
    <div data-field={field}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  ) : null;
}

/** A titled part of the summary; `focusable` headings are where p / d / a move focus. */
function Section({ field, heading, focusable, children }: { field: string; heading: ComponentChildren; focusable?: boolean; children: ComponentChildren }) {
  return (
    <section data-field={field} aria-labelledby={`pk-h-${field}`}>
      <h3 id={`pk-h-${field}`} tabIndex={focusable ? -1 : undefined}>
        {heading}
      </h3>
      {children}
    </section>
  );
}

const LINKS = ['pdf', 'appeal', 'meeting'] as const;

export function sectionLabel(t: Translate, section: number | null, agendaNumber: number | null): string | null {
  if (section !== null) return `§ ${section}`;
  if (agendaNumber !== null) return t('reading_agendaNumber', String(agendaNumber));
  return null;
}

export function ItemPanel(props: ItemPanelProps) {
  const t = props.t;
  const v = props.view;
  const sectionText = sectionLabel(t, v.section, v.agendaNumber);
  const hasDecision = v.decision !== null;

  return (
    <div class="pk-item">
      <dl class="pk-meta">
        <Meta field="organ" label={t('reading_field_organ')} value={v.organ} />
        <Meta
          field="meetingDate"
          label={t(v.documentKind === 'agenda' ? 'reading_agendaDate' : v.documentKind === 'minutes' ? 'reading_minutesDate' : 'reading_field_meetingDate')}
          value={v.meetingDate}
        />
        {v.section !== null ? (
          <Meta field="section" label={t('reading_field_section')} value={sectionText} />
        ) : (
          <Meta field="agendaNumber" label={t('reading_field_agendaNumber')} value={v.agendaNumber === null ? null : String(v.agendaNumber)} />
        )}
        <Meta
          field="diaryNumber"
          label={t('reading_field_diaryNumber')}
          value={v.diaryNumber && (v.classification ? `${v.diaryNumber} (${v.classification})` : v.diaryNumber)}
        />
      </dl>

      {props.changedSinceRead ? <p class="pk-badge" data-pykala="changed">{t('reading_changedSinceRead')}</p> : null}

      <div class="pk-bookmark" data-pykala="bookmark-state" data-bookmarked={props.bookmark ? 'true' : 'false'}>
        {props.bookmarkFormOpen ? (
          <BookmarkForm
            t={t}
            bookmark={props.bookmark ?? null}
            busy={props.bookmarkBusy}
            onSave={props.onBookmarkSave}
            onRemove={props.onBookmarkRemove}
            onCancel={props.onBookmarkCancel}
          />
        ) : (
          <p>
            {props.bookmark ? (
              <>
                <span class="pk-badge">{t('reading_bookmarked')}</span>
                {props.bookmark.note ? <span class="pk-note"> {props.bookmark.note}</span> : null}{' '}
              </>
            ) : null}
            <button type="button" data-pykala="bookmark-button" onClick={props.onBookmarkOpen}>
              {t(props.bookmark ? 'reading_bookmarkEdit' : 'reading_bookmarkAdd')}
            </button>
          </p>
        )}
      </div>

      {v.people.length ? (
        <Section field="people" heading={t('reading_field_people')}>
          <ul>
            {v.people.map((p, i) => (
              <Person key={i} t={t} person={p} />
            ))}
          </ul>
        </Section>
      ) : null}

      {hasDecision ? (
        <Section
          field="decision"
          focusable
          heading={
            <>
              {t('reading_field_decision')}{' '}
              {v.outcome ? (
                <span class={`pk-badge pk-outcome-${v.outcome}`} data-field="outcome" data-outcome={v.outcome}>
                  {t(`reading_outcome_${v.outcome.replace('-', '_')}`)}
                </span>
              ) : null}
            </>
          }
        >
          <p class="pk-text">{v.decision}</p>
        </Section>
      ) : v.documentKind === 'agenda' ? (
        <p class="pk-note" data-pykala="no-decision-yet">{t('reading_noDecisionYet')}</p>
      ) : null}

      {v.diff ? (
        <Section field="diff" heading={t(v.diff.changed ? 'reading_diffTitle' : 'reading_diffSame')}>
          {v.diff.changed ? (
            <p class="pk-text pk-diff">
              {v.diff.segments.map((s, i) => {
                const Mark = s.op === 'same' ? null : s.op;
                return (
                  <>
                    {i > 0 ? ' ' : ''}
                    {Mark ? (
                      <Mark>
                        <span class="pk-sr">{t(Mark === 'ins' ? 'reading_diffInserted' : 'reading_diffDeleted')} </span>
                        {s.text}
                      </Mark>
                    ) : (
                      s.text
                    )}
                  </>
                );
              })}
            </p>
          ) : null}
        </Section>
      ) : v.diffSkipped ? (
        <p class="pk-note" data-pykala="diff-skipped">{t('reading_diffSkipped')}</p>
      ) : null}

      {v.proposal ? (
        <details data-field="proposal" open={!hasDecision}>
          <summary>
            <h3>{t('reading_field_proposal')}</h3>
          </summary>
          <p class="pk-text">{v.proposal}</p>
        </details>
      ) : null}

      {v.attachments.length ? (
        <Section field="attachments" focusable heading={t('reading_field_attachments')}>
          <ul>
            {v.attachments.map((a, i) => (
              <li key={i}>{a.href ? <a href={a.href}>{a.title}</a> : a.title}</li>
            ))}
          </ul>
        </Section>
      ) : null}

      {v.history.length ? (
        <Section field="history" heading={t('reading_field_history')}>
          <ol class="pk-timeline">
            {v.history.map((h, i) => (
              <li key={i}>{[h.organ, h.date, h.section !== null ? `§ ${h.section}` : null].filter(Boolean).join(' ')}</li>
            ))}
          </ol>
        </Section>
      ) : null}

      {LINKS.some((link) => v.links[link]) ? (
        <ul class="pk-links" data-field="links">
          {LINKS.map((link) =>
            v.links[link] ? (
              <li key={link}>
                <a href={v.links[link]} data-link={link}>
                  {t(`reading_link_${link}`)}
                </a>
              </li>
            ) : null,
          )}
        </ul>
      ) : null}

      {v.missing.length ? (
        <div class="pk-missing" data-pykala="missing">
          {t('reading_notFound')}{' '}
          <ul>
            {v.missing.map((f) => (
              <li key={f} data-missing={f}>
                {t(`reading_field_${f}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
