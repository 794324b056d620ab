/**
 * The key help: a modal dialog generated from the same key map the keys are resolved with. Focus moves into
 * it, Tab stays inside (focus trap), Esc or the close button closes it (PykalaApp gives focus back).
 */
import { ACTIONS, keyLabel, type KeyMap } from '@/lib/reading/keymap';
import type { Translate } from './i18n';

/** One function for every render, so preact calls it only when the dialog is mounted. */
const focusClose = (dialog: HTMLElement | null) => dialog?.querySelector('button')!.focus();

export function helpOverlay(t: Translate, keymap: KeyMap, onClose: () => void) {
  return (
    <div class="overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={focusClose}
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pk-help-title"
        onKeyDown={(event) => {
          // The dialog's one focusable element is its close button: Tab and Shift+Tab stay on it.
          if (event.key === 'Tab') focusClose(event.currentTarget);
          else if (event.key === 'Escape') onClose();
          else return;
          event.preventDefault();
          event.stopPropagation();
        }}
      >
        <h2 id="pk-help-title">{t('helpTitle')}</h2>
        <p>{t('helpIntro')}</p>
        <dl class="keys">
          {ACTIONS.map((action) => (
            <div>
              <dt>
                <kbd>{keyLabel(keymap[action])}</kbd>
              </dt>
              <dd>{t(`action_${action}`)}</dd>
            </div>
          ))}
        </dl>
        <p class="note">{t('helpOptions')}</p>
        <button onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}
