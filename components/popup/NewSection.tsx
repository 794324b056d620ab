/**
 * Popup "New": unseen feed entries that match the follow rules, grouped by portal and organ, with
 * "mark all as seen". Data and actions come in through `api` (lib/feeds/client in the extension), so
 * the view has no browser API: `<NewSection t={t} api={feedsClient} />`.
 */
import { useEffect, useState } from 'preact/hooks';
import type { FeedEntryRecord } from '@/lib/feeds/unseen';
import type { NewGroup } from '@/lib/feeds/unseen';

type Translate = (key: string, substitutions?: string | string[]) => string;

export interface NewSectionApi {
  listNew(): Promise<NewGroup[]>;
  markSeen(target?: { portal?: string | null; entryId?: string | null }): Promise<void>;
  open(entry: FeedEntryRecord): Promise<void>;
}

function safeHref(url: string | null): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

export function formatFeedDate(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${Number(m[3])}.${Number(m[2])}.${m[1]}` : '';
}

export function NewList(props: { groups: NewGroup[]; t: Translate; onOpen: (e: FeedEntryRecord) => void }) {
  const { t } = props;
  return (
    <div class="pykala-new-list">
      {props.groups.map((group) => (
        <section key={group.portal} aria-label={group.portalName}>
          <h3>{group.portalName}</h3>
          {group.organs.map((organ) => (
            <div key={organ.organ ?? ''}>
              <h4>{organ.organ ?? t('feeds_organUnknown')}</h4>
              <ul>
                {organ.entries.map((entry) => (
                  <li key={`${entry.feed}|${entry.entryId}`} data-entry-id={entry.entryId}>
                    {safeHref(entry.url) ? (
                      <a
                        href={safeHref(entry.url)}
                        target="_blank"
                        rel="noopener noreferrer"
                        onClick={(event) => {
                          event.preventDefault();
                          props.onOpen(entry);
                        }}
                      >
                        {entry.title}
                      </a>
                    ) : (
                      <span>{entry.title}</span>
                    )}{' '}
                    {entry.date ? <small>{formatFeedDate(entry.date)}</small> : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

export function NewSection(props: { t: Translate; api: NewSectionApi }) {
  const { t, api } = props;
  const [groups, setGroups] = useState<NewGroup[] | null>(null);
  const [error, setError] = useState('');

  const load = () =>
    api.listNew().then(setGroups, (e: unknown) => {
      setGroups([]);
      setError(e instanceof Error ? e.message : String(e));
    });
  useEffect(() => {
    void load();
  }, [api]);

  const count = groups?.reduce((n, g) => n + g.organs.reduce((m, o) => m + o.entries.length, 0), 0) ?? 0;
  return (
    <section class="pykala-new" aria-labelledby="pykala-new-title">
      <h2 id="pykala-new-title" class="pk-h">
        {t('feeds_newTitle')} {count ? <span class="pykala-new-count">({count})</span> : null}
      </h2>
      {error ? <p role="alert">{error}</p> : null}
      {groups === null ? null : count === 0 ? (
        <p class="pk-hint">{t('feeds_newNone')}</p>
      ) : (
        <>
          <NewList groups={groups} t={t} onOpen={(entry) => void api.open(entry).then(load)} />
          <button type="button" onClick={() => void api.markSeen({}).then(load)}>
            {t('feeds_markAllSeen')}
          </button>
        </>
      )}
    </section>
  );
}
