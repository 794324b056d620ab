/** Bookmark with a note: the form the `b` key or the panel's button opens. Saving goes out by callback. */
import { Component, createRef } from 'preact';
import type { BookmarkData } from '@/lib/messages';
import type { Translate } from './i18n';

interface BookmarkFormProps {
  t: Translate;
  bookmark: BookmarkData | null;
  onSave: (note: string) => void;
  onRemove: () => void;
  onCancel: () => void;
  busy: boolean;
}

export class BookmarkForm extends Component<BookmarkFormProps, { note: string }> {
  override state = { note: this.props.bookmark?.note ?? '' };
  readonly #field = createRef<HTMLTextAreaElement>();

  override componentDidMount() {
    this.#field.current?.focus();
  }

  override render() {
    const { t, bookmark, busy, onCancel } = this.props;
    return (
      <form
        class="pk-form"
        data-pykala="bookmark-form"
        onSubmit={(e) => {
          e.preventDefault();
          this.props.onSave(this.state.note);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <label for="pk-note">{t('reading_bookmarkNote')}</label>
        <textarea
          id="pk-note"
          ref={this.#field}
          value={this.state.note}
          onInput={(e) => this.setState({ note: (e.target as HTMLTextAreaElement).value })}
        />
        <div class="pk-row">
          <button type="submit" disabled={busy}>
            {t('reading_bookmarkSave')}
          </button>
          {bookmark ? (
            <button type="button" disabled={busy} onClick={this.props.onRemove}>
              {t('reading_bookmarkRemove')}
            </button>
          ) : null}
          <button type="button" onClick={onCancel}>
            {t('reading_cancel')}
          </button>
        </div>
      </form>
    );
  }
}
