/**
 * Options: what the library records. Pause recording, never record a portal, delete one portal's
 * history, delete everything. Data and actions come in through `api`.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LibrarySettings } from '@/lib/library/settings';

type Translate = (key: string, substitutions?: string | string[]) => string;

export interface RecordingApi {
  load(): Promise<{ settings: LibrarySettings; portals: { portal: string; count: number }[] }>;
  setPaused(paused: boolean): Promise<void>;
  setExcluded(portal: string, excluded: boolean): Promise<void>;
  deletePortal(portal: string): Promise<void>;
  deleteEverything(): Promise<void>;
}

export function RecordingSection(props: { t: Translate; api: RecordingApi; confirm?: (text: string) => boolean }) {
  const { t, api } = props;
  const ask = props.confirm ?? ((text: string) => window.confirm(text));
  const [state, setState] = useState<Awaited<ReturnType<RecordingApi['load']>> | null>(null);
  const [newPortal, setNewPortal] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const reload = () =>
    void api.load().then(setState, (e: unknown) => setMessage(t('library_loadFailed', e instanceof Error ? e.message : String(e))));
  useEffect(reload, []);
  const act = (action: () => Promise<void>, done?: string) =>
    action().then(
      () => {
        if (done) setMessage(done);
        reload();
      },
      (e: unknown) => setMessage(e instanceof Error ? e.message : String(e)),
    );

  if (!state) return <section aria-busy={message ? undefined : 'true'}>{message && <p role="alert">{message}</p>}</section>;
  const portals = new Map(state.portals.map((p) => [p.portal, p.count]));
  for (const p of state.settings.excludedPortals) if (!portals.has(p)) portals.set(p, 0);
  return (
    <section class="pk-recording" aria-labelledby="pk-recording-h">
      <h2 id="pk-recording-h">{t('library_recordingHeading')}</h2>
      <p>{t('library_recordingHelp')}</p>
      <label>
        <input
          type="checkbox"
          data-setting="paused"
          checked={state.settings.paused}
          onChange={(e) => void act(() => api.setPaused((e.target as HTMLInputElement).checked))}
        />{' '}
        {t('library_pauseRecording')}
      </label>
      <h3>{t('library_portalsHeading')}</h3>
      {portals.size === 0 && <p>{t('library_noPortalsYet')}</p>}
      <ul>
        {[...portals.entries()].map(([portal, count]) => {
          const excluded = state.settings.excludedPortals.includes(portal);
          return (
            <li key={portal} data-portal={portal}>
              <label>
                <input type="checkbox" checked={excluded} onChange={() => void act(() => api.setExcluded(portal, !excluded))} />{' '}
                {t('library_excludePortal', portal.replace(/^https?:\/\//, ''))}
              </label>{' '}
              <span>{t('library_itemCount', String(count))}</span>{' '}
              {count > 0 && (
                <button
                  type="button"
                  onClick={() => ask(t('library_confirmDeletePortal', portal)) && void act(() => api.deletePortal(portal), t('library_deleted'))}
                >
                  {t('library_deletePortal')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const value = newPortal.trim().replace(/\/+$/, '');
          if (/^https?:\/\/[^\s/]+/i.test(value)) void act(() => api.setExcluded(value, true)).then(() => setNewPortal(''));
          else setMessage(t('library_portalInvalid'));
        }}
      >
        <label>
          {t('library_excludeOther')}{' '}
          <input type="url" value={newPortal} placeholder="https://" onInput={(e) => setNewPortal((e.target as HTMLInputElement).value)} />
        </label>{' '}
        <button type="submit">{t('library_exclude')}</button>
      </form>
      <h3>{t('library_deleteHeading')}</h3>
      <button
        type="button"
        data-action="delete-everything"
        onClick={() => ask(t('library_confirmDeleteAll')) && void act(() => api.deleteEverything(), t('library_deletedAll'))}
      >
        {t('library_deleteEverything')}
      </button>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
