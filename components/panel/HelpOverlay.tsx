/**
 * The key help: a modal dialog generated from the same key map the dispatcher uses. Focus moves into
 * it, Tab stays inside (focus trap), Esc or the close button closes it and focus goes back.
 */
import { useEffect, useRef } from 'preact/hooks';
import { ACTIONS, keyLabel, type KeyMap } from '@/lib/reading/keymap';
import { useT } from './i18n';

export function HelpOverlay(props: { keymap: KeyMap; onClose: () => void }) {
  const t = useT();
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const root = dialog.current?.getRootNode() as Document | ShadowRoot | undefined;
    const before = (root?.activeElement ?? null) as HTMLElement | null;
    closeButton.current?.focus();
    return () => {
      if (before && before.isConnected && typeof before.focus === 'function') before.focus();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      props.onClose();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const focusables = [...dialog.current.querySelectorAll<HTMLElement>('button, a[href], [tabindex="0"]')];
    if (!focusables.length) return;
    const first = focusables[0]!;
    const last = focusables[focusables.length - 1]!;
    const active = (dialog.current.getRootNode() as ShadowRoot | Document).activeElement;
    if (event.shiftKey && (active === first || !dialog.current.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !dialog.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div class="pk-overlay" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        ref={dialog}
        class="pk-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pk-help-title"
        data-pykala="help"
        onKeyDown={onKeyDown}
      >
        <h2 id="pk-help-title">{t('reading_helpTitle')}</h2>
        <p>{t('reading_helpIntro')}</p>
        <table class="pk-keys">
          <caption class="pk-sr">{t('reading_helpTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reading_helpKey')}</th>
              <th scope="col">{t('reading_helpAction')}</th>
            </tr>
          </thead>
          <tbody>
            {ACTIONS.map((action) => (
              <tr key={action} data-action={action}>
                <td>
                  <kbd>{keyLabel(props.keymap[action])}</kbd>
                </td>
                <td>{t(`reading_action_${action}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="pk-note">{t('reading_helpOptions')}</p>
        <button ref={closeButton} type="button" onClick={props.onClose}>
          {t('reading_close')}
        </button>
      </div>
    </div>
  );
}
