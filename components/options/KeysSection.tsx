/**
 * Options: the reading key map. Each action shows its key; "change" waits for the next key press
 * (Esc cancels; Ctrl/Alt/Meta combinations and reserved keys are refused); two actions on one key are
 * refused with a message. Saved to storage.sync as overrides of the defaults. The storage area and
 * the translation function come in as props, so the view has no browser API of its own:
 * `<KeysSection area={browser.storage.sync} t={t} />`.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  ACTIONS,
  conflicts,
  DEFAULT_KEYMAP,
  isBindableKey,
  keyLabel,
  loadKeyMap,
  saveKeyMap,
  type Action,
  type KeyMap,
  type StorageAreaLike,
} from '@/lib/reading/keymap';

type Translate = (key: string, substitutions?: string | string[]) => string;

export function KeysSection(props: { area: StorageAreaLike; t: Translate }) {
  const { t } = props;
  const [map, setMap] = useState<KeyMap>({ ...DEFAULT_KEYMAP });
  const [listening, setListening] = useState<Action | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void loadKeyMap(props.area).then(setMap);
  }, [props.area]);

  async function store(next: KeyMap) {
    const clash = conflicts(next);
    if (clash.length) {
      setStatus(t('reading_keysConflict', clash.map((a) => t(`reading_action_${a}`)).join(', ')));
      return;
    }
    setMap(next);
    try {
      await saveKeyMap(props.area, next);
      setStatus(t('reading_keysSaved'));
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    }
  }

  function onCapture(action: Action, event: KeyboardEvent) {
    if (event.key === 'Tab') return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape') {
      setListening(null);
      return;
    }
    if (event.ctrlKey || event.altKey || event.metaKey || !isBindableKey(event.key)) {
      setStatus(t('reading_keysNotAllowed'));
      return;
    }
    setListening(null);
    void store({ ...map, [action]: event.key });
  }

  return (
    <section aria-labelledby="pk-keys-title" data-pykala="keys-section">
      <h2 id="pk-keys-title">{t('reading_keysTitle')}</h2>
      <p>{t('reading_keysIntro')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('reading_helpAction')}</th>
            <th scope="col">{t('reading_helpKey')}</th>
          </tr>
        </thead>
        <tbody>
          {ACTIONS.map((action) => (
            <tr key={action} data-action={action}>
              <td>{t(`reading_action_${action}`)}</td>
              <td>
                <button
                  type="button"
                  aria-label={t('reading_keysChange', t(`reading_action_${action}`))}
                  aria-pressed={listening === action ? 'true' : 'false'}
                  onClick={() => setListening(action)}
                  onKeyDown={(e) => listening === action && onCapture(action, e)}
                  onBlur={() => listening === action && setListening(null)}
                >
                  {listening === action ? t('reading_keysPress') : <kbd>{keyLabel(map[action])}</kbd>}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => void store({ ...DEFAULT_KEYMAP })}>
        {t('reading_keysReset')}
      </button>
      <p role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
