// @vitest-environment happy-dom
/**
 * The popup's first results from top lists come without their count: the heading says "results" until
 * the count, asked for once the results are shown, arrives (and a count for an older query is dropped).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { PopupView, type PopupSearch } from '@/components/popup/PopupView';
import type { ResultView } from '@/lib/library/results';

const t = (key: string, subs?: string | string[]) => (subs ? `${key}:${([] as string[]).concat(subs).join(',')}` : key);

const hit: ResultView = {
  key: 'i|https://p.example|1-1', kind: 'item', portal: 'https://p.example', itemId: '1-1', organ: 'Kaupunginhallitus',
  date: '2021-06-07', section: 210, title: [{ text: 'Päätösvaltaisuus', mark: true }], snippet: [],
  url: 'https://p.example/cgi/DREQUEST.PHP?page=meetingitem&id=1-1', bookmarked: false, tags: [], note: null, changed: false, route: 'text',
};

afterEach(() => {
  document.body.replaceChildren();
});

async function typed(root: HTMLElement, value: string): Promise<void> {
  const input = root.querySelector<HTMLInputElement>('#pk-q')!;
  await act(async () => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => {
    await new Promise((r) => setTimeout(r, 20));
  });
}

describe('popup count of results ranked from top lists', () => {
  it('heads the results plainly, then with their count once counted', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    let counted: (n: number) => void = () => undefined;
    const count = vi.fn(() => new Promise<number>((resolve) => (counted = resolve)));
    const search = vi.fn(async (): Promise<PopupSearch> => ({ results: [hit], total: null, corrections: [], count }));
    const shown = vi.fn();
    await act(async () => {
      render(<PopupView t={t} search={search} recent={[]} bookmarks={[]} open={() => undefined} openLibrary={() => undefined} onResults={shown} loaded />, root);
    });
    await typed(root, 'päätösvaltai');
    expect(root.querySelector('section[data-query] h2')?.textContent).toBe('library_results');
    expect(root.querySelectorAll('#pk-popup li').length).toBe(1);
    expect(shown).toHaveBeenCalled();
    expect(count).toHaveBeenCalledTimes(1);
    await act(async () => counted(50_000));
    expect(root.querySelector('section[data-query] h2')?.textContent).toBe('library_resultCount:50000');
  });

  it('says plainly when the count failed, and points to the library for all results', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    let failed: (e: Error) => void = () => undefined;
    const search = vi.fn(async (): Promise<PopupSearch> => ({
      results: [hit],
      total: null,
      corrections: [],
      count: () => new Promise<number>((_, reject) => (failed = reject)),
    }));
    await act(async () => {
      render(<PopupView t={t} search={search} recent={[]} bookmarks={[]} open={() => undefined} openLibrary={() => undefined} loaded />, root);
    });
    await typed(root, 'päätösvaltai');
    expect(root.querySelector('section[data-query] [role=status]')).toBeNull();
    await act(async () => failed(new Error('part t0 is gone')));
    expect(root.querySelector('section[data-query] h2')?.textContent).toBe('library_results');
    expect(root.querySelector('section[data-query] [role=status]')?.textContent).toBe('popup_countFailed');
    expect(root.querySelectorAll('#pk-popup li').length).toBe(1);
  });

  it('drops a count that arrives after another query was typed', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    let counted: (n: number) => void = () => undefined;
    const search = vi.fn(async (q: string): Promise<PopupSearch> =>
      q === 'päätösvaltai'
        ? { results: [hit], total: null, corrections: [], count: () => new Promise<number>((resolve) => (counted = resolve)) }
        : { results: [hit], total: 3, corrections: [] },
    );
    await act(async () => {
      render(<PopupView t={t} search={search} recent={[]} bookmarks={[]} open={() => undefined} openLibrary={() => undefined} loaded />, root);
    });
    await typed(root, 'päätösvaltai');
    await typed(root, 'päätösvaltaisuus');
    await act(async () => counted(50_000));
    expect(root.querySelector('section[data-query] h2')?.textContent).toBe('library_resultCount:3');
  });
});
