// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { KeysSection } from '@/components/options/KeysSection';
import { KEYMAP_STORAGE_KEY } from '@/lib/reading/keymap';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

async function mount(initial: Record<string, unknown> = {}) {
  const store: Record<string, unknown> = { ...initial };
  const area = { get: async (k: string) => ({ [k]: store[k] }), set: async (items: Record<string, unknown>) => void Object.assign(store, items) };
  root = document.createElement('div');
  document.body.append(root);
  await act(async () => render(<KeysSection area={area} t={(k, s) => (s ? `${k}:${s}` : k)} />, root));
  await act(async () => new Promise((r) => setTimeout(r, 0)));
  const button = (action: string) => root.querySelector(`[data-action="${action}"] button`) as HTMLButtonElement;
  async function press(action: string, key: string, mods: KeyboardEventInit = {}) {
    await act(async () => button(action).click());
    await act(async () => {
      button(action).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...mods }));
    });
  }
  return { store, button, press, status: () => root.querySelector('[role="status"]')?.textContent };
}

describe('options: key map', () => {
  it('shows the stored map and saves a new key as an override', async () => {
    const { store, button, press } = await mount({ [KEYMAP_STORAGE_KEY]: { help: 'h' } });
    expect(button('help').textContent).toBe('h');
    await press('next', 'n');
    expect(store[KEYMAP_STORAGE_KEY]).toEqual({ help: 'h', next: 'n' });
    expect(button('next').textContent).toBe('n');
  });

  it('refuses a key already used by another action, and modifier combinations', async () => {
    const { store, press, status } = await mount();
    await press('next', 'k');
    expect(status()).toContain('reading_keysConflict');
    expect(store[KEYMAP_STORAGE_KEY]).toBeUndefined();
    await press('next', 'x', { ctrlKey: true });
    expect(status()).toBe('reading_keysNotAllowed');
  });

  it('restores the defaults', async () => {
    const { store } = await mount({ [KEYMAP_STORAGE_KEY]: { next: 'n' } });
    const reset = [...root.querySelectorAll('button')].find((b) => b.textContent === 'reading_keysReset')!;
    await act(async () => reset.click());
    expect(store[KEYMAP_STORAGE_KEY]).toEqual({});
  });
});
