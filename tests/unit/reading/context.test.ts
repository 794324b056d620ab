// @vitest-environment happy-dom
/**
 * The content script's own ContentScriptContext (entrypoints/dynasty.content/context.ts, aliased in for
 * the content-script build): a newer copy of the script in the same tab stops the older one, and an
 * extension that is gone (reloaded, removed) makes the context invalid, which removes our listeners.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from '@/entrypoints/dynasty.content/context';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('content script context', () => {
  it('a newer copy of the script invalidates the older one; its window listeners stop', () => {
    const old = new ContentScriptContext('dynasty');
    const onInvalidated = vi.fn();
    const onKey = vi.fn();
    old.onInvalidated(onInvalidated);
    old.addEventListener(window, 'keydown', onKey);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j' }));
    expect(onKey).toHaveBeenCalledTimes(1);
    expect(old.isInvalid).toBe(false);

    const newer = new ContentScriptContext('dynasty');
    expect(old.isInvalid).toBe(true);
    expect(onInvalidated).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j' }));
    expect(onKey).toHaveBeenCalledTimes(1);
    expect(newer.isInvalid).toBe(false);
  });

  it('another content script of the extension does not stop this one', () => {
    const ours = new ContentScriptContext('dynasty');
    new ContentScriptContext('other');
    expect(ours.isInvalid).toBe(false);
  });

  it('is invalid once the extension is gone (no runtime id)', () => {
    const ctx = new ContentScriptContext('dynasty');
    const onInvalidated = vi.fn();
    ctx.onInvalidated(onInvalidated);
    vi.spyOn(fakeBrowser.runtime, 'id', 'get').mockReturnValue(undefined as unknown as string);
    expect(ctx.isInvalid).toBe(true);
    expect(onInvalidated).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
  });
});
