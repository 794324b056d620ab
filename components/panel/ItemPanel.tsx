/**
 * The item summary: organ, date, §, title, diary number, people with contact links, proposal,
 * decision with its outcome badge, the proposal -> decision word diff, attachments, earlier handling
 * rounds and links. Every shown field carries data-field=<contract name>; a field not found is left
 * out and listed in a small note. All page text is rendered as text.
 */
import type { ComponentChildren } from 'preact';
import { ITEM_LINKS, type ItemView } from '@/lib/reading/viewmodel';
import type { Translate } from './i18n';
import { joined, linkOr } from './parts';

/**
 * A titled part of the summary, headed field_<field> unless told; `focusable` headings are where p / d / a
 * move focus. The panel's views are plain functions with positional arguments, not components: no props
 * object per call and no component boundary, which preact does not need here (no state, no hooks).
 */
function section(t: Translate, field: string, children: ComponentChildren, focusable?: boolean, heading: ComponentChildren = t(`field_${field}`)) {
  const headingId = `pk-h-${field}`;
  return (
    <section data-field={field} aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={focusable ? -1 : undefined}>
        {heading}
      </h3>
      {children}
    </section>
  );
}


/** `§ 12`, or on an agenda without §s the item's number; null when the page shows neither. */
export function sectionLabel(t: Translate, section: number | null, agendaNumber: number | null): string | null {
  return section !== null ? `§ ${section}` : agendaNumber !== null ? t('agendaNumber', String(agendaNumber)) : null;
}

/** A paragraph of the summary's own small print. */
const note = (text: string) => <p class="note">{text}</p>;

/** `children`: the bookmark state and form (PykalaApp owns them: the b key opens the form too). */
export function itemPanel(t: Translate, v: ItemView, changedSinceRead: boolean | undefined, children: ComponentChildren) {
  const hasDecision = v.decision !== null;
  // The summary's facts: [data-field, value, label key (field_<data-field> unless given)]; a row the
  // page did not show is left out.
  const facts: [string, string | null, (string | null)?][] = [
    ['organ', v.organ],
    ['meetingDate', v.meetingDate, v.documentKind && `date_${v.documentKind}`],
    v.section !== null ? ['section', `§ ${v.section}`] : ['agendaNumber', v.agendaNumber === null ? null : String(v.agendaNumber)],
    ['diaryNumber', v.diaryNumber && (v.classification ? `${v.diaryNumber} (${v.classification})` : v.diaryNumber)],
  ];
  const links = ITEM_LINKS.filter((link) => v.links[link]);

  return (
    <div>
      <dl class="meta">
        {facts.map(([field, value, label]) =>
          value ? (
            <div data-field={field}>
              <dt>{t(label || `field_${field}`)}</dt>
              <dd>{value}</dd>
            </div>
          ) : null,
        )}
      </dl>

      {changedSinceRead ? (
        <p class="badge">
          {t('changedSinceRead')}
        </p>
      ) : null}

      {children}

      {v.people.length ? (
        section(
          t,
          'people',
          <ul>
            {v.people.map((p) => (
              <li>
                <span class="note">{t(`role_${p.role}`)}: </span>
                {p.name}
                {p.phone ? [', ', linkOr(p.phoneHref, p.phone)] : null}
                {p.email ? [', ', linkOr(p.emailHref, p.email)] : null}
              </li>
            ))}
          </ul>,
        )
      ) : null}

      {hasDecision ? (
        section(
          t,
          'decision',
          <p class="text">{v.decision}</p>,
          true,
          <>
            {t('field_decision')}{' '}
            {v.outcome ? (
              <span class={`badge o-${v.outcome}`} data-field="outcome">
                {t(`outcome_${v.outcome.replace('-', '_')}`)}
              </span>
            ) : null}
          </>,
        )
      ) : v.documentKind === 'agenda' ? (
        note(t('noDecisionYet'))
      ) : null}

      {v.diff ? (
        section(
          t,
          'diff',
          v.diff.changed ? (
            <p class="text">
              {v.diff.segments.map(({ op: Mark, text }, i) => [
                i > 0 ? ' ' : '',
                Mark === 'same' ? (
                  text
                ) : (
                  <Mark>
                    <span class="sr">{t(`diff_${Mark}`)} </span>
                    {text}
                  </Mark>
                ),
              ])}
            </p>
          ) : null,
          false,
          t(v.diff.changed ? 'diffTitle' : 'diffSame'),
        )
      ) : v.diffSkipped ? (
        note(t('diffSkipped'))
      ) : null}

      {v.proposal ? (
        <details data-field="proposal" open={!hasDecision}>
          <summary>
            <h3>{t('field_proposal')}</h3>
          </summary>
          <p class="text">{v.proposal}</p>
        </details>
      ) : null}

      {v.attachments.length ? (
        section(
          t,
          'attachments',
          <ul>
            {v.attachments.map((a) => (
              <li>{linkOr(a.href, a.title)}</li>
            ))}
          </ul>,
          true,
        )
      ) : null}

      {v.history.length ? (
        section(
          t,
          'history',
          <ol class="tl">
            {v.history.map((h) => (
              <li>{joined(h.organ, h.date, h.section !== null && `§ ${h.section}`)}</li>
            ))}
          </ol>,
        )
      ) : null}

      {links.length ? (
        <ul class="links" data-field="links">
          {links.map((link) => (
            <li>
              <a href={v.links[link]!}>
                {t(`link_${link}`)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}

      {v.missing.length ? (
        <div class="note">
          {t('notFound')}{' '}
          <ul>
            {v.missing.map((f) => (
              <li>{t(`field_${f}`)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
