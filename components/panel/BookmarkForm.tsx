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

export class BookmarkForm extends Component<BookmarkFormProps> {
  readonly #field = createRef<HTMLTextAreaElement>();

  override componentDidMount() {
    this.#field.current?.focus();
  }

  override render() {
    const { t, bookmark, busy, onCancel, onSave, onRemove } = this.props;
    return (
      <form
        data-pykala="bookmark-form"
        onSubmit={(e) => {
          e.preventDefault();
          onSave(this.#field.current!.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <label for="pk-note">{t('bookmarkNote')}</label>
        {/* Uncontrolled: the field keeps what is typed, and saving reads it. */}
        <textarea id="pk-note" ref={this.#field} defaultValue={bookmark?.note ?? ''} />
        <div class="row">
          <button type="submit" disabled={busy}>
            {t('bookmarkSave')}
          </button>
          {bookmark ? (
            <button type="button" disabled={busy} onClick={onRemove}>
              {t('bookmarkRemove')}
            </button>
          ) : null}
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      </form>
    );
  }
}
