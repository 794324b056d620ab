// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { FeedsOptions } from '@/components/options/FeedsOptions';
import { NewSection } from '@/components/popup/NewSection';
import type { FeedsClient } from '@/lib/feeds/client';
import type { FeedsView } from '@/lib/feeds/service';
import { defaultSettings } from '@/lib/feeds/settings';
import type { FeedEntryRecord } from '@/lib/db';
import type { NewGroup } from '@/lib/feeds/unseen';

const t = (k: string, s?: string | string[]) => (s ? `${k}:${[s].flat().join(',')}` : k);
const KOUVOLA = 'https://ep10.kouvola.fi';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

function hostileEntry(): FeedEntryRecord {
  return {
    portal: KOUVOLA,
    feed: 'meetingitems',
    entryId: '1-1',
    organ: '<b>Kh</b>',
    date: '2026-12-01',
    title: '<img src=x onerror="alert(1)">Otsikko',
    url: 'javascript:alert(1)',
    firstSeen: 1,
    seen: 0,
    matched: 1,
  };
}

function fakeApi(view: Partial<FeedsView> = {}, groups: NewGroup[] = []) {
  let current: NewGroup[] = groups;
  const api: FeedsClient = {
    state: vi.fn(async () => ({
      settings: { ...defaultSettings(), portals: [{ base: KOUVOLA, name: 'Kouvola', custom: false, feeds: { meetingitems: true, meetings: true, official_decisions: false } }], firstRunDone: true },
      status: [],
      unseen: 0,
      demo: false,
      notificationsGranted: false,
      ...view,
    })),
    save: vi.fn(async (s) => s),
    addPortal: vi.fn(async (address: string, name?: string) => ({ ok: true as const, portal: { base: address, name: name ?? 'Uusi', custom: true, feeds: { meetingitems: true, meetings: true, official_decisions: false } } })),
    removePortal: vi.fn(async () => undefined),
    pollNow: vi.fn(async () => ({ checked: 2, failed: 1, added: 0 })),
    setNotificationsPermission: vi.fn(async () => true),
    listNew: vi.fn(async () => current),
    markSeen: vi.fn(async () => {
      current = [];
    }),
    open: vi.fn(async () => undefined),
    calendar: vi.fn(async () => ({ upcoming: [], ics: '' })),
  };
  return api;
}

async function mount(node: preact.ComponentChild) {
  root = document.createElement('div');
  document.body.append(root);
  await act(async () => render(node, root));
  for (let i = 0; i < 3; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}

describe('popup New section', () => {
  it('renders feed text as text and never makes a javascript: link', async () => {
    const groups: NewGroup[] = [{ portal: KOUVOLA, portalName: 'Kouvola', organs: [{ organ: '<b>Kh</b>', entries: [hostileEntry()] }] }];
    await mount(<NewSection t={t} api={fakeApi({}, groups)} />);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(root.querySelector('a')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror="alert(1)">Otsikko');
    expect(root.textContent).toContain('<b>Kh</b>');
  });

  it('marks all as seen and shows that nothing is new', async () => {
    const entry = { ...hostileEntry(), url: `${KOUVOLA}/cgi/DREQUEST.PHP?page=meetingitem&id=1-1`, title: 'Ratapiha' };
    const api = fakeApi({}, [{ portal: KOUVOLA, portalName: 'Kouvola', organs: [{ organ: 'Kaupunginhallitus', entries: [entry] }] }]);
    await mount(<NewSection t={t} api={api} />);
    expect(root.querySelector('a')?.getAttribute('href')).toBe(entry.url);
    expect(root.querySelector('h2')?.textContent).toContain('(1)');
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent === 'feeds_markAllSeen')!;
    await act(async () => button.click());
    for (let i = 0; i < 3; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(api.markSeen).toHaveBeenCalledWith({});
    expect(root.textContent).toContain('feeds_newNone');
  });
});

describe('options: feeds', () => {
  it('shows each feed status in plain words', async () => {
    const status = [
      { portal: KOUVOLA, portalName: 'Kouvola', feed: 'meetingitems' as const, lastSuccess: 1, lastChecked: 2, lastError: 'http:500', lastErrorAt: 3, failures: 1, nextAttempt: 4, entries: 5 },
      { portal: KOUVOLA, portalName: 'Kouvola', feed: 'meetings' as const, lastSuccess: 1, lastChecked: 2, lastError: null, lastErrorAt: null, failures: 0, nextAttempt: 0, entries: 7 },
    ];
    await mount(<FeedsOptions t={t} api={fakeApi({ status })} knownPortals={[]} formatTime={(ms) => `T${ms}`} download={() => undefined} />);
    const broken = root.querySelector('tr[data-feed="meetingitems"]')!;
    expect(broken.getAttribute('data-state')).toBe('error');
    expect(broken.textContent).toContain('feeds_statusError:feeds_errServer:500');
    expect(broken.textContent).toContain('feeds_statusLastSuccess:T1');
    expect(root.querySelector('tr[data-feed="meetings"]')!.textContent).toContain('feeds_statusOk:T2');
  });

  it('first run: search a municipality and follow it', async () => {
    const api = fakeApi({ settings: { ...defaultSettings(), firstRunDone: false } });
    const known = [
      { name: 'Kouvola', base: KOUVOLA, evidence: 'measured' as const },
      { name: 'Brändö', base: 'https://www.brando.fi/djulkaisu', evidence: 'listed' as const },
    ];
    await mount(<FeedsOptions t={t} api={api} knownPortals={known} formatTime={String} download={() => undefined} />);
    expect(root.textContent).toContain('feeds_firstRunTitle');
    const search = root.querySelector('#pykala-first-run-search') as HTMLInputElement;
    await act(async () => {
      search.value = 'brando';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const items = [...root.querySelectorAll('.pykala-first-run li')];
    expect(items.map((li) => li.textContent)).toEqual([expect.stringContaining('Brändö')]);
    await act(async () => (items[0]!.querySelector('button') as HTMLButtonElement).click());
    for (let i = 0; i < 3; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(api.addPortal).toHaveBeenCalledWith('https://www.brando.fi/djulkaisu', 'Brändö');
    expect(root.querySelector('[role="status"]')?.textContent).toBe('feeds_added:Brändö');
  });

  it('adds a custom portal by address and reports a refusal in words', async () => {
    const api = fakeApi();
    (api.addPortal as ReturnType<typeof vi.fn>).mockResolvedValueOnce({ ok: false, reason: 'no-feed' });
    await mount(<FeedsOptions t={t} api={api} knownPortals={[]} formatTime={String} download={() => undefined} />);
    const input = root.querySelector('#pykala-custom-address') as HTMLInputElement;
    await act(async () => {
      input.value = 'https://www.example.org';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      (root.querySelector('form.pykala-add-custom') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    });
    for (let i = 0; i < 3; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(api.addPortal).toHaveBeenCalledWith('https://www.example.org', undefined);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('feeds_addFailed_no_feed');
  });
  it('says so plainly when removing a portal fails (the portal stays listed)', async () => {
    const api = fakeApi();
    (api.removePortal as ReturnType<typeof vi.fn>).mockRejectedValueOnce(new Error('storage full'));
    await mount(<FeedsOptions t={t} api={api} knownPortals={[]} formatTime={String} download={() => undefined} />);
    const button = [...root.querySelectorAll('li[data-portal] > button')].find((b) => b.textContent === 'feeds_removePortal:Kouvola') as HTMLButtonElement;
    await act(async () => button.click());
    for (let i = 0; i < 3; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(api.removePortal).toHaveBeenCalledWith(KOUVOLA);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('storage full');
  });
});
