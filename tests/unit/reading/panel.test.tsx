// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { PykalaApp, type Controller, type PykalaAppProps } from '@/components/panel/PykalaApp';
import { DEFAULT_KEYMAP, ACTIONS } from '@/lib/reading/keymap';
import { deriveNeighbours } from '@/lib/reading/neighbours';
import { itemView, meetingView, organMeetingsView } from '@/lib/reading/viewmodel';
import { espoo5, espooMeeting, espooOrgan, hostile, kouvola210 } from './fixtures';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

function mount(overrides: Partial<PykalaAppProps> = {}) {
  root = document.createElement('div');
  document.body.append(root);
  const controller: { current: Controller | null } = { current: null };
  const props: PykalaAppProps = {
    view: itemView(kouvola210()),
    // As mount.tsx gives it: the panel's keys are locales' reading_ keys.
    t: (key, subs) => `reading_${key}${subs ? `:${([] as string[]).concat(subs).join(',')}` : ''}`,
    keymap: { ...DEFAULT_KEYMAP },
    paused: false,
    collapsed: false,
    neighbours: deriveNeighbours(kouvola210()),
    markers: null,
    bookmark: undefined,
    changedSinceRead: false,
    controller,
    onCollapsedChange: vi.fn(),
    onPausedChange: vi.fn(),
    onNavigate: vi.fn(),
    onOpen: vi.fn(),
    onSearch: vi.fn(),
    onBookmarkSave: vi.fn(async () => undefined),
    onBookmarkRemove: vi.fn(async () => undefined),
    ...overrides,
  };
  act(() => render(<PykalaApp {...props} />, root));
  const fire = (action: (typeof ACTIONS)[number]) => {
    let taken = false;
    act(() => {
      taken = controller.current!.act(action);
    });
    return taken;
  };
  const q = (s: string) => root.querySelector(s);
  const qa = (s: string) => [...root.querySelectorAll(s)];
  /** The small print listing what was not found (the unit tests' t() gives keys as text). */
  const missing = () => qa('.note').find((note) => note.textContent!.startsWith('reading_notFound')) ?? null;
  const live = () => q('[role="status"]')?.textContent;
  return { props, fire, q, qa, missing, live, text: () => root.textContent! };
}

const field = (q: (s: string) => Element | null, name: string) => q(`[data-field="${name}"]`)?.textContent ?? null;

describe('item panel', () => {
  it('shows the Kouvola § 210 fields with their contract names', () => {
    const { q, missing } = mount();
    expect(field(q, 'title')).toBe('Loppuraportti Kouvolan strategiatoteutumasta valtuustokaudella 2017-2021');
    expect(field(q, 'organ')).toContain('Kaupunginhallitus');
    expect(field(q, 'meetingDate')).toContain('07.06.2021');
    expect(field(q, 'section')).toContain('§ 210');
    expect(field(q, 'diaryNumber')).toContain('5767/00.01.02.00/2021');
    expect(field(q, 'decision')).toContain('Kaupunginhallitus hyväksyi päätösehdotuksen.');
    expect(q('[data-field="outcome"]')?.textContent).toBe('reading_outcome_as_proposed');
    expect(q('[data-field="outcome"]')?.classList.contains('o-as-proposed')).toBe(true);
    expect(field(q, 'proposal')).toContain('Kaupunginvaltuusto päättää merkitä tiedoksi');
    expect(q('[data-field="people"] a[href="tel:0206157033"]')).not.toBeNull();
    expect(q('[data-field="people"] a[href="mailto:katariina.valtonen@kouvola.fi"]')).not.toBeNull();
    expect(missing()).toBeNull();
    expect(q('aside')?.getAttribute('aria-label')).toBe('reading_landmark_meetingItem');
  });

  it('leaves out a field that was not found and says so', () => {
    const { q, missing } = mount({ view: itemView({ ...espoo5(), diaryNumber: null, people: [] }) });
    expect(q('[data-field="diaryNumber"]')).toBeNull();
    expect(q('[data-field="people"]')).toBeNull();
    expect([...missing()!.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['reading_field_diaryNumber', 'reading_field_people']);
  });

  it('on an agenda shows the item number (not a §) and no decision', () => {
    const { q, text, missing } = mount({ view: itemView({ ...espoo5(), documentKind: 'agenda', section: null, agendaNumber: 4, decision: null, outcome: null }) });
    expect(q('[data-field="section"]')).toBeNull();
    expect(q('[data-field="agendaNumber"] dd')?.textContent).toBe('4');
    expect(q('[data-field="decision"]')).toBeNull();
    expect(text()).toContain('reading_noDecisionYet');
    expect(missing()).toBeNull();
  });

  it('highlights what the decision changed in the proposal', () => {
    const { q, qa } = mount({
      view: itemView({ ...kouvola210(), proposal: 'Myönnetään 5 000 euroa yhdistykselle.', decision: 'Myönnetään 3 000 euroa yhdistykselle.', outcome: 'amended' }),
    });
    expect(q('[data-field="diff"]')).not.toBeNull();
    expect(qa('[data-field="diff"] del').map((e) => e.textContent)).toEqual(['reading_diff_del 5']);
    expect(qa('[data-field="diff"] ins').map((e) => e.textContent)).toEqual(['reading_diff_ins 3']);
  });

  it('shows hostile page text as text and never makes it clickable', () => {
    const { q, qa } = mount({ view: itemView(hostile()), neighbours: deriveNeighbours(hostile()) });
    expect(qa('img, script, b, i')).toHaveLength(0);
    expect(field(q, 'title')).toBe('<img src=x onerror="window.__pwned=1">Otsikko');
    expect(field(q, 'organ')).toContain('<script>window.__pwned=2</script>Hallitus');
    for (const a of qa('a')) expect(a.getAttribute('href')).toMatch(/^(https?:|mailto:|tel:)/);
    expect(qa('[data-field="attachments"] a')).toHaveLength(0);
    expect(q('[data-field="links"]')).toBeNull();
    expect(field(q, 'attachments')).toContain('<i>Liite</i> 1');
  });

  it('shows earlier handling rounds as a timeline', () => {
    const history = [
      { organ: 'Kaupunginhallitus', date: '2021-05-10', section: 180 },
      { organ: 'Kaupunginvaltuusto', date: null, section: null },
    ];
    const { qa } = mount({ view: itemView({ ...kouvola210(), history }) });
    expect(qa('[data-field="history"] li').map((li) => li.textContent)).toEqual(['Kaupunginhallitus 10.05.2021 § 180', 'Kaupunginvaltuusto']);
  });

  it('can be collapsed, and reports it so that the state is remembered', () => {
    const { q, props } = mount();
    const button = q('[aria-controls="pk-body"]') as HTMLButtonElement;
    expect(button.getAttribute('aria-expanded')).toBe('true');
    act(() => button.click());
    expect((q('#pk-body') as HTMLElement).hidden).toBe(true);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(props.onCollapsedChange).toHaveBeenCalledWith(true);
  });

  it('j / k / u follow the neighbours and o opens the PDF', () => {
    const { fire, props } = mount();
    expect(fire('next')).toBe(true);
    expect(props.onNavigate).toHaveBeenLastCalledWith('http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-12');
    fire('previous');
    expect(props.onNavigate).toHaveBeenLastCalledWith('http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-10');
    fire('up');
    expect(props.onNavigate).toHaveBeenLastCalledWith('http://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meeting&id=2021587');
    fire('pdf');
    expect(props.onOpen).toHaveBeenCalledWith('http://ep10.kouvola.fi/kokous/2021587-11.PDF');
    expect(fire('open')).toBe(false);
    fire('search');
    expect(props.onSearch).toHaveBeenCalled();
  });

  it('? opens a help dialog built from the key map; Esc closes it', () => {
    const { fire, q, qa } = mount({ keymap: { ...DEFAULT_KEYMAP, next: 'n' } });
    expect(fire('close')).toBe(false);
    fire('help');
    const dialog = q('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const rows = qa('.keys > div');
    const keyOf = (action: string) => rows.find((row) => row.querySelector('dd')?.textContent === `reading_action_${action}`)?.querySelector('kbd')?.textContent;
    expect(rows).toHaveLength(ACTIONS.length);
    expect(keyOf('next')).toBe('n');
    expect(keyOf('close')).toBe('Esc');
    act(() => {
      dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(q('[role="dialog"]')).toBeNull();
  });

  it('the help dialog takes focus and gives it back to the help button when it closes', () => {
    const { q, qa } = mount();
    const helpButton = qa('button').find((b) => b.textContent === 'reading_helpButton') as HTMLButtonElement;
    helpButton.focus();
    act(() => helpButton.click());
    expect(document.activeElement?.textContent).toBe('reading_close');
    act(() => {
      q('[role="dialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(q('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(helpButton);
  });

  it('? pressed again in the open help dialog leaves focus in the dialog', () => {
    const { fire, q, qa } = mount();
    const helpButton = qa('button').find((b) => b.textContent === 'reading_helpButton') as HTMLButtonElement;
    helpButton.focus();
    act(() => helpButton.click());
    expect(fire('help')).toBe(true);
    expect(q('[role="dialog"]')).not.toBeNull();
    expect(q('[role="dialog"]')!.contains(document.activeElement)).toBe(true);
  });

  it('b opens the bookmark form; saving sends the note and shows the state', async () => {
    const { fire, q, props } = mount({ bookmark: null });
    fire('bookmark');
    const textarea = q('textarea') as HTMLTextAreaElement;
    expect(textarea).not.toBeNull();
    act(() => {
      textarea.value = 'Kysy valtuustoryhmältä';
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      (q('form') as HTMLFormElement).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(props.onBookmarkSave).toHaveBeenCalledWith('Kysy valtuustoryhmältä');
    expect(q('form')).toBeNull();
    expect(q('[role="status"]')?.textContent).toContain('reading_bookmarkSaved');
  });

  it('keeps the note being typed when the bookmark state arrives late and when saving fails', async () => {
    const failing = async () => Promise.reject(new Error('no background'));
    const { fire, q, props } = mount({ bookmark: undefined, onBookmarkSave: failing });
    fire('bookmark');
    const textarea = q('textarea') as HTMLTextAreaElement;
    act(() => {
      textarea.value = 'Kysy aikataulusta';
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    // page/seen answers while the form is open: the page is bookmarked (another note) and changed.
    act(() => render(<PykalaApp {...props} bookmark={{ note: 'Vanha muistiinpano', tags: [] }} changedSinceRead />, root));
    expect((q('textarea') as HTMLTextAreaElement).value).toBe('Kysy aikataulusta');
    await act(async () => {
      (q('form') as HTMLFormElement).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(q('[role="status"]')?.textContent).toContain('reading_bookmarkFailed');
    expect((q('textarea') as HTMLTextAreaElement).value).toBe('Kysy aikataulusta');
  });

  it('announces a failed bookmark instead of pretending', async () => {
    const { fire, q } = mount({ bookmark: null, onBookmarkSave: async () => Promise.reject(new Error('no background')) });
    fire('bookmark');
    await act(async () => {
      (q('form') as HTMLFormElement).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(q('[role="status"]')?.textContent).toContain('reading_bookmarkFailed');
    expect(q('form')).not.toBeNull();
  });
});

describe('pause key', () => {
  it('asks the shell to pause the keys', () => {
    const { fire, props } = mount();
    expect(fire('pause')).toBe(true);
    expect(props.onPausedChange).toHaveBeenCalledWith(true);
  });

  it('asks the shell to resume them, also with the help dialog open', () => {
    const { fire, props, q } = mount({ paused: true });
    fire('help');
    expect(q('[role="dialog"]')).not.toBeNull();
    expect(fire('pause')).toBe(true);
    expect(props.onPausedChange).toHaveBeenCalledWith(false);
  });
});

describe('meeting overview', () => {
  it('lists every item with § and title, and shows no markers without the background', () => {
    const { qa } = mount({ view: meetingView(espooMeeting()), neighbours: null });
    const rows = qa('#pk-items > li');
    expect(rows).toHaveLength(3);
    expect(rows[0]!.textContent).toContain('§ 156');
    expect(rows[0]!.textContent).toContain('Kokouksen laillisuuden ja päätösvaltaisuuden toteaminen');
    expect(qa('.mark')).toHaveLength(0);
  });

  it('shows read / bookmarked / new markers from the background', () => {
    const { qa } = mount({
      view: meetingView(espooMeeting()),
      markers: { '2017406946-2': { read: true, bookmarked: true, isNew: false }, '2017406946-3': { read: false, bookmarked: false, isNew: true } },
    });
    // Each row: its item (from the link) and the markers it shows, by name.
    const rows = qa('#pk-items > li').map((li) => [li.querySelector('a')?.getAttribute('href')?.replace(/^.*\//, ''), qa('.mark').filter((m) => li.contains(m)).map((m) => m.textContent)]);
    expect(rows).toEqual([
      ['2017406946-1.HTM', []],
      ['2017406946-2.HTM', ['reading_marker_bookmarked', 'reading_marker_read']],
      ['2017406946-3.HTM', ['reading_marker_isNew']],
    ]);
  });

  it('j / k move a visible selection and Enter opens it', () => {
    const { fire, q, props, live } = mount({ view: meetingView(espooMeeting()), neighbours: null });
    expect(fire('open')).toBe(false);
    fire('next');
    fire('next');
    fire('next');
    fire('previous');
    expect(q('.sel a')?.getAttribute('href')).toBe('http://espoo04.hosting.documenta.fi/kokous/2017406946-2.HTM');
    expect(fire('open')).toBe(true);
    expect(props.onNavigate).toHaveBeenCalledWith('http://espoo04.hosting.documenta.fi/kokous/2017406946-2.HTM');
    expect(fire('bookmark')).toBe(false);
    // The item keys do not apply here: they go on to the page, and nothing new is announced.
    const said = live();
    for (const action of ['proposal', 'decision', 'attachments'] as const) expect(fire(action)).toBe(false);
    expect(live()).toBe(said);
  });
});

describe('u on a meeting page', () => {
  it("goes up to the organ's meetings page when the page links to it", () => {
    const up = 'http://espoo04.hosting.documenta.fi/kokous/TELIN-217668.HTM';
    const { fire, q, props } = mount({ view: meetingView(espooMeeting()), neighbours: { previous: null, next: null, up } });
    expect(fire('up')).toBe(true);
    expect(props.onNavigate).toHaveBeenCalledWith(up);
    expect(q('[role="status"]')?.textContent).toContain('reading_opening:reading_organMeetings');
  });

  it('says plainly, in the live region, that there is no way up when it does not', () => {
    const { fire, q, props } = mount({ view: meetingView(espooMeeting()), neighbours: { previous: null, next: null, up: null } });
    expect(fire('up')).toBe(true);
    expect(props.onNavigate).not.toHaveBeenCalled();
    expect(q('[role="status"]')?.textContent).toContain('reading_noWayUp');
  });
});

describe('organ meetings', () => {
  it('shows the next and previous meeting and a compact list', () => {
    const { qa } = mount({ view: organMeetingsView(espooOrgan(), '2017-05-15'), neighbours: null });
    expect(qa('.links li').map((li) => li.textContent)).toEqual([expect.stringMatching(/^reading_nextMeeting: 29\.05\.2017/), expect.stringMatching(/^reading_previousMeeting: 08\.05\.2017/)]);
    expect(qa('#pk-items > li')).toHaveLength(3);
  });

  it('leaves u to the page: there is no level above an organ', () => {
    const { fire } = mount({ view: organMeetingsView(espooOrgan(), '2017-05-15'), neighbours: null });
    expect(fire('up')).toBe(false);
    expect(fire('next')).toBe(true);
  });
});

describe('messages', () => {
  it('every text the panel shows or announces has a message in fi, sv and en (mount.tsx adds the reading_ prefix)', async () => {
    const locales = ['fi', 'sv', 'en'].map(
      (lang) => JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../locales', lang, 'reading.json'), 'utf8')) as Record<string, unknown>,
    );
    const asked = new Set<string>();
    const t = (key: string, subs?: string | string[]) => {
      asked.add(key);
      return `${key}${subs ? `:${([] as string[]).concat(subs).join(',')}` : ''}`;
    };
    const noWay = { previous: null, next: null, up: null };
    const item = (page: ReturnType<typeof kouvola210>) => ({ view: itemView(page), t, neighbours: noWay, bookmark: { note: 'n', tags: [] }, changedSinceRead: true });
    const views = [
      item(kouvola210()),
      item({ ...espoo5(), outcome: 'amended', decision: `${espoo5().proposal} muutettuna` }),
      item({ ...espoo5(), title: null, organ: null, meetingDate: null, diaryNumber: null, people: [], proposal: null, decision: 'Hyväksyttiin.', outcome: null }),
      item({ ...espoo5(), documentKind: 'agenda', section: null, agendaNumber: 4, decision: null, outcome: null, attachments: [] }),
      item(hostile()),
      { view: meetingView(espooMeeting()), t, neighbours: noWay, markers: { '2017406946-2': { read: true, bookmarked: true, isNew: true } } },
      { view: organMeetingsView(espooOrgan(), '2017-05-15'), t, neighbours: null },
    ];
    for (const overrides of views) {
      const { fire } = mount({ ...overrides, paused: true });
      for (const action of ACTIONS) fire(action);
      fire('close');
      await act(async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
      render(null, root);
      root.remove();
    }
    expect(asked.size).toBeGreaterThan(50);
    const missing = [...asked].filter((key) => locales.some((messages) => !(`reading_${key}` in messages)));
    expect(missing).toEqual([]);
  });
});
