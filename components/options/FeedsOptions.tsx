/**
 * Options: watching portals. First run (pick municipalities), portals and their feeds, custom portals
 * by address, polling interval, follow rules, notifications and quiet hours, each feed's status in
 * plain words, upcoming meetings with an .ics download, and the "New" list. Everything arrives through
 * props (`api` is lib/feeds/client in the extension), so the view has no browser API of its own.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { FeedEntryRecord, FeedName } from '@/lib/feeds/unseen';
import type { FeedsClient } from '@/lib/feeds/client';
import type { FeedStatus, FeedsView } from '@/lib/feeds/service';
import { BROWSER_ALARM_FLOOR_MINUTES, FEED_NAMES, MAX_INTERVAL_MINUTES, type FeedSettings, type FollowRule, type RuleKind } from '@/lib/feeds/settings';
import { searchKnownPortals } from '@/lib/portals/known';
import type { KnownPortal } from '@/lib/portal-patterns';
import { formatFeedDate, NewSection } from '../popup/NewSection';

type Translate = (key: string, substitutions?: string | string[]) => string;

export interface FeedsOptionsProps {
  t: Translate;
  api: FeedsClient;
  knownPortals: readonly KnownPortal[];
  /** Local date and time of a timestamp, in the user's language. */
  formatTime: (ms: number) => string;
  /** Saves text as a file (the shell makes a blob link). */
  download: (fileName: string, text: string, mime: string) => void;
  /** Whether to show the first-run choice even if settings say it was done (tests). */
  forceFirstRun?: boolean;
}

/** A feed's last error code in plain words. */
export function errorWords(code: string, t: Translate): string {
  if (code === 'timeout') return t('feeds_errTimeout');
  if (code === 'network') return t('feeds_errNetwork');
  if (code === 'too-large') return t('feeds_errTooLarge');
  if (code === 'not-feed') return t('feeds_errNotFeed');
  if (code === 'empty') return t('feeds_errEmpty');
  const http = /^http:(\d+)$/.exec(code);
  if (http) {
    const status = http[1]!;
    if (status === '404' || status === '410') return t('feeds_errNotFound', status);
    if (status.startsWith('5')) return t('feeds_errServer', status);
    return t('feeds_errHttp', status);
  }
  return code;
}

function feedLabel(feed: FeedName, t: Translate): string {
  return t(`feeds_feed_${feed}`);
}

export function StatusLine(props: { status: FeedStatus; t: Translate; formatTime: (ms: number) => string }) {
  const { status: s, t, formatTime } = props;
  if (s.lastError) {
    return (
      <span class="pykala-feed-error">
        {t('feeds_statusError', errorWords(s.lastError, t))}
        {s.lastErrorAt ? ` (${formatTime(s.lastErrorAt)})` : ''}
        {s.lastSuccess ? `. ${t('feeds_statusLastSuccess', formatTime(s.lastSuccess))}` : ''}
        {s.nextAttempt ? `. ${t('feeds_statusNextTry', formatTime(s.nextAttempt))}` : ''}
      </span>
    );
  }
  if (s.lastChecked || s.lastSuccess) return <span class="pykala-feed-ok">{t('feeds_statusOk', formatTime((s.lastChecked ?? s.lastSuccess)!))}</span>;
  return <span>{t('feeds_statusNever')}</span>;
}

function PortalPicker(props: { t: Translate; known: readonly KnownPortal[]; watched: Set<string>; onAdd: (p: KnownPortal) => void; id: string }) {
  const { t } = props;
  const [query, setQuery] = useState('');
  const results = useMemo(() => searchKnownPortals(query, props.known, 30), [query, props.known]);
  return (
    <div class="pykala-portal-picker">
      <label for={props.id}>{t('feeds_searchMunicipality')}</label>{' '}
      <input id={props.id} type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} autoComplete="off" />
      <ul aria-label={t('feeds_knownPortals')}>
        {results.map((p) => (
          <li key={p.base}>
            {p.name} <small>{p.base}</small>{' '}
            {props.watched.has(p.base) ? (
              <em>{t('feeds_following')}</em>
            ) : (
              <button type="button" onClick={() => props.onAdd(p)} aria-label={t('feeds_followPortal', p.name)}>
                {t('feeds_follow')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function RulesSection(props: { t: Translate; settings: FeedSettings; onSave: (s: FeedSettings) => void }) {
  const { t, settings } = props;
  const [kind, setKind] = useState<RuleKind>('organ');
  const [value, setValue] = useState('');
  const [scope, setScope] = useState('');
  const portalName = (base: string | null) => (base ? (settings.portals.find((p) => p.base === base)?.name ?? base) : t('feeds_allPortals'));
  const add = (event: Event) => {
    event.preventDefault();
    const v = kind === 'portal' ? scope : value.trim();
    if (!v) return;
    const rule: FollowRule = { id: `r${Date.now().toString(36)}${settings.rules.length}`, kind, value: v, portal: kind === 'portal' ? v : scope || null };
    props.onSave({ ...settings, rules: [...settings.rules, rule] });
    setValue('');
  };
  return (
    <section aria-labelledby="pykala-rules">
      <h2 id="pykala-rules">{t('feeds_rulesTitle')}</h2>
      <p>{t('feeds_rulesHelp')}</p>
      {settings.rules.length === 0 ? <p>{t('feeds_rulesNone')}</p> : null}
      <ul>
        {settings.rules.map((rule) => (
          <li key={rule.id}>
            {t(`feeds_rule_${rule.kind}`)}: <strong>{rule.kind === 'portal' ? portalName(rule.value) : rule.value}</strong>
            {rule.kind !== 'portal' ? ` (${portalName(rule.portal)})` : ''}{' '}
            <button type="button" onClick={() => props.onSave({ ...settings, rules: settings.rules.filter((r) => r.id !== rule.id) })}>
              {t('feeds_remove')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add}>
        <label for="pykala-rule-kind">{t('feeds_ruleKind')}</label>{' '}
        <select id="pykala-rule-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as RuleKind)}>
          {(['organ', 'keyword', 'diary', 'portal'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`feeds_rule_${k}`)}
            </option>
          ))}
        </select>{' '}
        {kind !== 'portal' ? (
          <>
            <label for="pykala-rule-value">{t('feeds_ruleValue')}</label>{' '}
            <input id="pykala-rule-value" value={value} placeholder={t(`feeds_rulePlaceholder_${kind}`)} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />{' '}
          </>
        ) : null}
        <label for="pykala-rule-scope">{t('feeds_rulePortal')}</label>{' '}
        <select id="pykala-rule-scope" value={scope} onChange={(e) => setScope((e.target as HTMLSelectElement).value)}>
          {kind !== 'portal' ? <option value="">{t('feeds_allPortals')}</option> : <option value="">{t('feeds_choose')}</option>}
          {settings.portals.map((p) => (
            <option key={p.base} value={p.base}>
              {p.name}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('feeds_addRule')}</button>
      </form>
    </section>
  );
}

export function FeedsOptions(props: FeedsOptionsProps) {
  const { t, api, formatTime } = props;
  const [view, setView] = useState<FeedsView | null>(null);
  const [message, setMessage] = useState('');
  const [address, setAddress] = useState('');
  const [customName, setCustomName] = useState('');
  const [busy, setBusy] = useState(false);
  const [calendar, setCalendar] = useState<{ upcoming: FeedEntryRecord[]; ics: string } | null>(null);

  const refresh = async () => {
    try {
      setView(await api.state());
      setCalendar(await api.calendar());
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  useEffect(() => {
    void refresh();
  }, [api]);

  if (!view) return <p>{message || t('feeds_loading')}</p>;
  const settings = view.settings;
  const watched = new Set(settings.portals.map((p) => p.base));

  const save = async (next: FeedSettings) => {
    try {
      await api.save(next);
      setMessage(t('feeds_saved'));
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
    await refresh();
  };

  const addPortal = async (addr: string, name?: string) => {
    setBusy(true);
    setMessage(t('feeds_adding'));
    try {
      const result = await api.addPortal(addr, name);
      setMessage(result.ok ? t('feeds_added', result.portal.name) : t(`feeds_addFailed_${result.reason.replace(/-/g, '_')}`));
      if (result.ok) {
        setAddress('');
        setCustomName('');
      }
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
    setBusy(false);
    await refresh();
  };

  const firstRun = props.forceFirstRun || !settings.firstRunDone;
  return (
    <div class="pykala-feeds-options">
      <p role="status" aria-live="polite" class="pykala-feeds-message">
        {message}
      </p>

      {firstRun ? (
        <section aria-labelledby="pykala-first-run" class="pykala-first-run">
          <h2 id="pykala-first-run">{t('feeds_firstRunTitle')}</h2>
          <p>{t('feeds_firstRunHelp')}</p>
          <PortalPicker id="pykala-first-run-search" t={t} known={props.knownPortals} watched={watched} onAdd={(p) => void addPortal(p.base, p.name)} />
          <button type="button" onClick={() => void save({ ...settings, firstRunDone: true })}>
            {t('feeds_firstRunDone')}
          </button>
        </section>
      ) : null}

      <section aria-labelledby="pykala-portals">
        <h2 id="pykala-portals">{t('feeds_portalsTitle')}</h2>
        {settings.portals.length === 0 ? <p>{t('feeds_portalsNone')}</p> : null}
        <ul class="pykala-portal-list">
          {settings.portals.map((portal) => (
            <li key={portal.base} data-portal={portal.base}>
              <strong>{portal.name}</strong> <small>{portal.base}</small>
              <fieldset>
                <legend>{t('feeds_feedsOf', portal.name)}</legend>
                {FEED_NAMES.map((feed) => (
                  <label key={feed}>
                    <input
                      type="checkbox"
                      checked={portal.feeds[feed]}
                      onChange={(e) =>
                        void save({
                          ...settings,
                          portals: settings.portals.map((p) => (p.base === portal.base ? { ...p, feeds: { ...p.feeds, [feed]: (e.target as HTMLInputElement).checked } } : p)),
                        })
                      }
                    />{' '}
                    {feedLabel(feed, t)}
                  </label>
                ))}
              </fieldset>
              <button
                type="button"
                onClick={() =>
                  void api
                    .removePortal(portal.base)
                    .then(
                      () => setMessage(t('feeds_removed', portal.name)),
                      (e: unknown) => setMessage(e instanceof Error ? e.message : String(e)),
                    )
                    .then(refresh)
                }
              >
                {t('feeds_removePortal', portal.name)}
              </button>
            </li>
          ))}
        </ul>
        {!firstRun ? (
          <details>
            <summary>{t('feeds_addKnown')}</summary>
            <PortalPicker id="pykala-portal-search" t={t} known={props.knownPortals} watched={watched} onAdd={(p) => void addPortal(p.base, p.name)} />
          </details>
        ) : null}
        <form
          class="pykala-add-custom"
          onSubmit={(e) => {
            e.preventDefault();
            if (address.trim()) void addPortal(address.trim(), customName.trim() || undefined);
          }}
        >
          <h3>{t('feeds_addCustom')}</h3>
          <p>{t('feeds_addCustomHelp')}</p>
          <label for="pykala-custom-address">{t('feeds_address')}</label>{' '}
          <input id="pykala-custom-address" type="url" value={address} onInput={(e) => setAddress((e.target as HTMLInputElement).value)} placeholder="https://" />{' '}
          <label for="pykala-custom-name">{t('feeds_portalName')}</label>{' '}
          <input id="pykala-custom-name" value={customName} onInput={(e) => setCustomName((e.target as HTMLInputElement).value)} />{' '}
          <button type="submit" disabled={busy}>
            {t('feeds_add')}
          </button>
        </form>
      </section>

      <section aria-labelledby="pykala-interval">
        <h2 id="pykala-interval">{t('feeds_intervalTitle')}</h2>
        <label for="pykala-interval-input">{t('feeds_interval')}</label>{' '}
        <input
          id="pykala-interval-input"
          type="number"
          min={BROWSER_ALARM_FLOOR_MINUTES}
          max={MAX_INTERVAL_MINUTES}
          value={settings.intervalMinutes}
          onChange={(e) => void save({ ...settings, intervalMinutes: Number((e.target as HTMLInputElement).value) })}
        />{' '}
        {t('feeds_minutes')}
      </section>

      <RulesSection t={t} settings={settings} onSave={(s) => void save(s)} />

      <section aria-labelledby="pykala-notifications">
        <h2 id="pykala-notifications">{t('feeds_notificationsTitle')}</h2>
        <label>
          <input
            type="checkbox"
            checked={settings.notifications && view.notificationsGranted}
            onChange={async (e) => {
              const wanted = (e.target as HTMLInputElement).checked;
              const granted = await api.setNotificationsPermission(wanted);
              if (wanted && !granted) setMessage(t('feeds_notificationsDenied'));
              await save({ ...settings, notifications: wanted && granted });
            }}
          />{' '}
          {t('feeds_notificationsEnable')}
        </label>
        <fieldset>
          <legend>{t('feeds_quietTitle')}</legend>
          <label>
            <input
              type="checkbox"
              checked={settings.quietHours.enabled}
              onChange={(e) => void save({ ...settings, quietHours: { ...settings.quietHours, enabled: (e.target as HTMLInputElement).checked } })}
            />{' '}
            {t('feeds_quietEnable')}
          </label>{' '}
          <label>
            {t('feeds_quietFrom')}{' '}
            <input type="time" value={settings.quietHours.start} onChange={(e) => void save({ ...settings, quietHours: { ...settings.quietHours, start: (e.target as HTMLInputElement).value } })} />
          </label>{' '}
          <label>
            {t('feeds_quietTo')}{' '}
            <input type="time" value={settings.quietHours.end} onChange={(e) => void save({ ...settings, quietHours: { ...settings.quietHours, end: (e.target as HTMLInputElement).value } })} />
          </label>
        </fieldset>
      </section>

      <section aria-labelledby="pykala-status">
        <h2 id="pykala-status">{t('feeds_statusTitle')}</h2>
        {view.status.length === 0 ? (
          <p>{t('feeds_statusNone')}</p>
        ) : (
          <table class="pykala-feed-status">
            <thead>
              <tr>
                <th scope="col">{t('feeds_colPortal')}</th>
                <th scope="col">{t('feeds_colFeed')}</th>
                <th scope="col">{t('feeds_colStatus')}</th>
                <th scope="col">{t('feeds_colEntries')}</th>
              </tr>
            </thead>
            <tbody>
              {view.status.map((s) => (
                <tr key={`${s.portal}|${s.feed}`} data-portal={s.portal} data-feed={s.feed} data-state={s.lastError ? 'error' : 'ok'}>
                  <td>{s.portalName}</td>
                  <td>{feedLabel(s.feed, t)}</td>
                  <td>
                    <StatusLine status={s} t={t} formatTime={formatTime} />
                  </td>
                  <td>{s.entries}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setMessage(t('feeds_checking'));
            try {
              const r = await api.pollNow();
              setMessage(t('feeds_checked', [String(r.checked), String(r.added), String(r.failed)]));
            } catch (e) {
              setMessage(e instanceof Error ? e.message : String(e));
            }
            setBusy(false);
            await refresh();
          }}
        >
          {t('feeds_checkNow')}
        </button>
      </section>

      <section aria-labelledby="pykala-upcoming">
        <h2 id="pykala-upcoming">{t('feeds_upcomingTitle')}</h2>
        {!calendar || calendar.upcoming.length === 0 ? (
          <p>{t('feeds_upcomingNone')}</p>
        ) : (
          <ul>
            {calendar.upcoming.map((m) => (
              <li key={`${m.portal}|${m.entryId}`}>
                {formatFeedDate(m.date)} {m.organ ?? ''}: {m.title}
              </li>
            ))}
          </ul>
        )}
        <button type="button" disabled={!calendar || calendar.upcoming.length === 0} onClick={() => calendar && props.download('pykala-kokoukset.ics', calendar.ics, 'text/calendar')}>
          {t('feeds_downloadIcs')}
        </button>
      </section>

      <div id="new">
        <NewSection t={t} api={api} />
      </div>
    </div>
  );
}
