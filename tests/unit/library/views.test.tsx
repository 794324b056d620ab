// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { ResultList } from '@/components/library/ResultList';
import { PopupView } from '@/components/popup/PopupView';
import { LibraryView, type LibraryApi } from '@/components/library/LibraryView';
import type { ResultView } from '@/lib/library/results';

const t = (key: string, subs?: string | string[]) => (subs ? `${key}:${([] as string[]).concat(subs).join(',')}` : key);

function result(patch: Partial<ResultView> = {}): ResultView {
  return {
    key: 'i|https://p.example|1-1', kind: 'item', portal: 'https://p.example', itemId: '1-1', organ: 'Kaupunginhallitus',
    date: '2021-06-07', section: 210, title: [{ text: 'Loppuraportti', mark: false }],
    snippet: [{ text: 'Kouluverkon ', mark: true }, { text: 'muutos', mark: false }],
    url: 'https://p.example/cgi/DREQUEST.PHP?page=meetingitem&id=1-1', bookmarked: false, tags: [], note: null, changed: false, route: 'text',
    ...patch,
  };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('result views', () => {
  it('show organ, date, § and title, and mark matches with <mark> elements', () => {
    const root = document.createElement('div');
    document.body.append(root);
    render(<ResultList results={[result()]} t={t} onOpen={() => undefined} label="x" />, root);
    expect(root.querySelector('.pk-meta')?.textContent).toContain('Kaupunginhallitus · 7.6.2021 · § 210');
    expect([...root.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Kouluverkon ']);
  });

  it('render hostile page text as text, never as markup', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const hostile = '<img src=x onerror="window.hacked=1"><script>window.hacked=1</script>';
    render(<ResultList results={[result({ title: [{ text: hostile, mark: true }], snippet: [{ text: hostile, mark: false }] })]} t={t} onOpen={() => undefined} label="x" />, root);
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.querySelector('.pk-title')?.textContent).toBe(hostile);
  });

  it('popup: typing searches, arrows move the selection, Enter opens the selected item', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    const open = vi.fn();
    const results = [result(), result({ key: 'b', itemId: '1-2', title: [{ text: 'Toinen', mark: false }] })];
    const search = vi.fn(async () => ({ results, total: 2, corrections: [] }));
    await act(async () => {
      render(<PopupView t={t} search={search} recent={[]} bookmarks={[]} open={open} openLibrary={() => undefined} loaded />, root);
    });
    const input = root.querySelector<HTMLInputElement>('#pk-q')!;
    await act(async () => {
      input.value = 'kouluverk';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(search).toHaveBeenCalledWith('kouluverk');
    expect(root.querySelectorAll('#pk-popup li').length).toBe(2);
    await act(async () => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    expect(root.querySelector('[aria-selected="true"]')?.getAttribute('data-item-id')).toBe('1-2');
    await act(async () => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(open).toHaveBeenCalledWith(results[1]);
  });

  it('popup: a failed search says so instead of showing nothing', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    const search = vi.fn(async () => Promise.reject(new Error('QuotaExceededError')));
    await act(async () => {
      render(<PopupView t={t} search={search} recent={[]} bookmarks={[]} open={() => undefined} openLibrary={() => undefined} loaded />, root);
    });
    const input = root.querySelector<HTMLInputElement>('#pk-q')!;
    await act(async () => {
      input.value = 'kouluverk';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('library_searchFailed:QuotaExceededError');
  });
});

describe('library view', () => {
  it('shows a failed search and a failed bookmark read plainly instead of an empty page', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    const api = {
      search: () => Promise.reject(new Error('index broken')),
      bookmarks: () => Promise.reject(new Error('database gone')),
      syncMessage: () => Promise.resolve(null),
    } as unknown as LibraryApi;
    act(() => render(<LibraryView t={t} api={api} />, root));
    await act(() => new Promise((r) => setTimeout(r, 10)));
    expect(root.querySelector('[data-testid="library-message"]')?.textContent).toMatch(/index broken|database gone/);
  });
});
