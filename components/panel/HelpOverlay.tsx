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
  /** What had focus before the dialog opened; it gets focus back on close. */
  #before: HTMLElement | null = null;

  override componentDidMount() {
    const dialog = this.#dialog.current!;
    this.#before = (dialog.getRootNode() as ShadowRoot).activeElement as HTMLElement | null;
    dialog.querySelector('button')!.focus();
  }

  override componentWillUnmount() {
    if (this.#before?.isConnected) this.#before.focus();
  }

  readonly #onKeyDown = (event: KeyboardEvent) => {
    const dialog = this.#dialog.current!;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.props.onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    // The dialog's one focusable element is its close button: Tab and Shift+Tab stay on it.
    event.preventDefault();
    dialog.querySelector('button')!.focus();
  };

  override render() {
    const { t, keymap, onClose } = this.props;
    return (
      <div class="overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
        <div ref={this.#dialog} class="dialog" role="dialog" aria-modal="true" aria-labelledby="pk-help-title" data-pykala="help" onKeyDown={this.#onKeyDown}>
          <h2 id="pk-help-title">{t('helpTitle')}</h2>
          <p>{t('helpIntro')}</p>
          <dl class="keys">
            {ACTIONS.map((action) => (
              <div data-action={action}>
                <dt>
                  <kbd>{keyLabel(keymap[action])}</kbd>
                </dt>
                <dd>{t(`action_${action}`)}</dd>
              </div>
            ))}
          </dl>
          <p class="note">{t('helpOptions')}</p>
          <button type="button" onClick={onClose}>
            {t('close')}
          </button>
        </div>
      </div>
    );
  }
}
