/**
 * The key help: a modal dialog generated from the same key map the dispatcher uses. Focus moves into
 * it, Tab stays inside (focus trap), Esc or the close button closes it and focus goes back.
 */
import { Component, createRef } from 'preact';
import { ACTIONS, keyLabel, type KeyMap } from '@/lib/reading/keymap';
import type { Translate } from './i18n';

interface HelpOverlayProps {
  t: Translate;
  keymap: KeyMap;
  onClose: () => void;
}

export class HelpOverlay extends Component<HelpOverlayProps> {
  readonly #dialog = createRef<HTMLDivElement>();
  readonly #closeButton = createRef<HTMLButtonElement>();
  /** What had focus before the dialog opened; it gets focus back on close. */
  #before: HTMLElement | null = null;

  override componentDidMount() {
    const root = this.#dialog.current?.getRootNode() as Document | ShadowRoot | undefined;
    this.#before = (root?.activeElement ?? null) as HTMLElement | null;
    this.#closeButton.current?.focus();
  }

  override componentWillUnmount() {
    const before = this.#before;
    if (before && before.isConnected && typeof before.focus === 'function') before.focus();
  }

  readonly #onKeyDown = (event: KeyboardEvent) => {
    const dialog = this.#dialog.current;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.props.onClose();
      return;
    }
    if (event.key !== 'Tab' || !dialog) return;
    const focusables = [...dialog.querySelectorAll<HTMLElement>('button, a[href], [tabindex="0"]')];
    if (!focusables.length) return;
    const first = focusables[0]!;
    const last = focusables[focusables.length - 1]!;
    const active = (dialog.getRootNode() as ShadowRoot | Document).activeElement;
    if (event.shiftKey && (active === first || !dialog.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  override render() {
    const { t, keymap, onClose } = this.props;
    return (
      <div class="pk-overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
        <div
          ref={this.#dialog}
          class="pk-dialog"
          role="dialog"
          aria-modal="true"
          aria-labelledby="pk-help-title"
          data-pykala="help"
          onKeyDown={this.#onKeyDown}
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
                    <kbd>{keyLabel(keymap[action])}</kbd>
                  </td>
                  <td>{t(`reading_action_${action}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="pk-note">{t('reading_helpOptions')}</p>
          <button ref={this.#closeButton} type="button" onClick={onClose}>
            {t('reading_close')}
          </button>
        </div>
      </div>
    );
  }
}
