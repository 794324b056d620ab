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

export interface ItemPanelProps {
  t: Translate;
  view: ItemView;
  changedSinceRead?: boolean;
  /** The bookmark state and form (PykalaApp owns them: the b key opens the form too). */
  children: ComponentChildren;
}

/** A titled part of the summary, headed field_<field> unless told; `focusable` headings are where p / d / a move focus. */
function Section({ t, field, heading = t(`field_${field}`), focusable, children }: { t: Translate; field: string; heading?: ComponentChildren; focusable?: boolean; children: ComponentChildren }) {
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

/** A paragraph of the summary's own small print (data-pykala names it for tests). */
const note = (hook: string, text: string) => (
  <p class="note" data-pykala={hook}>
    {text}
  </p>
);

export function ItemPanel(props: ItemPanelProps) {
  const { t, view: v } = props;
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

      {props.changedSinceRead ? (
        <p class="badge" data-pykala="changed">
          {t('changedSinceRead')}
        </p>
      ) : null}

      {props.children}

      {v.people.length ? (
        <Section t={t} field="people">
          <ul>
            {v.people.map((p) => (
              <li>
                <span class="note">{t(`role_${p.role}`)}: </span>
                {p.name}
                {p.phone ? [', ', linkOr(p.phoneHref, p.phone)] : null}
                {p.email ? [', ', linkOr(p.emailHref, p.email)] : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {hasDecision ? (
        <Section
          t={t}
          field="decision"
          focusable
          heading={
            <>
              {t('field_decision')}{' '}
              {v.outcome ? (
                <span class={`badge o-${v.outcome}`} data-field="outcome" data-outcome={v.outcome}>
                  {t(`outcome_${v.outcome.replace('-', '_')}`)}
                </span>
              ) : null}
            </>
          }
        >
          <p class="text">{v.decision}</p>
        </Section>
      ) : v.documentKind === 'agenda' ? (
        note('no-decision-yet', t('noDecisionYet'))
      ) : null}

      {v.diff ? (
        <Section t={t} field="diff" heading={t(v.diff.changed ? 'diffTitle' : 'diffSame')}>
          {v.diff.changed ? (
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
          ) : null}
        </Section>
      ) : v.diffSkipped ? (
        note('diff-skipped', t('diffSkipped'))
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
        <Section t={t} field="attachments" focusable>
          <ul>
            {v.attachments.map((a) => (
              <li>{linkOr(a.href, a.title)}</li>
            ))}
          </ul>
        </Section>
      ) : null}

      {v.history.length ? (
        <Section t={t} field="history">
          <ol class="tl">
            {v.history.map((h) => (
              <li>{joined(h.organ, h.date, h.section !== null && `§ ${h.section}`)}</li>
            ))}
          </ol>
        </Section>
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
        <div class="note" data-pykala="missing">
          {t('notFound')}{' '}
          <ul>
            {v.missing.map((f) => (
              <li data-missing={f}>{t(`field_${f}`)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
