/** Bookmark with a note: the form the `b` key or the panel's button opens. Saving goes out by callback. */
import type { BookmarkData } from '@/lib/messages';
import type { Translate } from './i18n';

/** One function for every render, so preact calls it only when the field is mounted: focus goes there once. */
const focusOnMount = (el: HTMLTextAreaElement | null) => el?.focus();

export function bookmarkForm(t: Translate, bookmark: BookmarkData | null | undefined, busy: boolean | undefined, onSave: (note: string) => void, onRemove: () => void, onCancel: () => void) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave(e.currentTarget.querySelector('textarea')!.value);
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
      <textarea id="pk-note" ref={focusOnMount} defaultValue={bookmark?.note ?? ''} />
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
