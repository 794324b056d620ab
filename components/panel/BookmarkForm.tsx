/** Bookmark with a note: the form the `b` key or the panel's button opens. Saving goes out by callback. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BookmarkData } from '@/lib/messages';
import { useT } from './i18n';

export function BookmarkForm(props: {
  bookmark: BookmarkData | null;
  onSave: (note: string) => void;
  onRemove: () => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const t = useT();
  const [note, setNote] = useState(props.bookmark?.note ?? '');
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  return (
    <form
      class="pk-form"
      data-pykala="bookmark-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(note);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          props.onCancel();
        }
      }}
    >
      <label for="pk-note">{t('reading_bookmarkNote')}</label>
      <textarea id="pk-note" ref={field} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      <div class="pk-row">
        <button type="submit" disabled={props.busy}>
          {t('reading_bookmarkSave')}
        </button>
        {props.bookmark ? (
          <button type="button" disabled={props.busy} onClick={props.onRemove}>
            {t('reading_bookmarkRemove')}
          </button>
        ) : null}
        <button type="button" onClick={props.onCancel}>
          {t('reading_cancel')}
        </button>
      </div>
    </form>
  );
}
