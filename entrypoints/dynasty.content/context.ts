/**
 * `wxt/utils/content-script-context` for the content script (wxt.config.ts aliases it here for
 * content-script builds only): the part of WXT's ContentScriptContext that mount.tsx uses
 * (`ReadingContext`), 0.6 kB instead of 3.6 kB. Left out: timers, requestAnimationFrame, the
 * `wxt:locationchange` watcher and the window.postMessage that WXT sends to every page script.
 *
 * Kept: the hand-over between an old and a new copy of the script in the same tab (extension reloaded
 * or updated): the same CustomEvent name and detail as WXT's, so either version stops the other.
 */
import { browser } from 'wxt/browser';

/** What the reading UI needs from its context; index.ts passes WXT's ctx, which has all of it. */
export interface ReadingContext {
  readonly isInvalid: boolean;
  onInvalidated(cb: () => void): void;
  addEventListener<K extends keyof WindowEventMap>(target: Window, type: K, handler: (event: WindowEventMap[K]) => void): void;
}

export class ContentScriptContext implements ReadingContext {
  private readonly controller = new AbortController();
  private readonly id = Math.random().toString(36).slice(2);

  constructor(private readonly contentScriptName: string) {
    const type = `${browser.runtime?.id}:${import.meta.env.ENTRYPOINT}:wxt:content-script-started`;
    document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName, messageId: this.id } }));
    const onNewer = (event: Event) => {
      const detail = (event as CustomEvent<{ contentScriptName?: string; messageId?: string } | null>).detail;
      if (detail?.contentScriptName === this.contentScriptName && detail.messageId !== this.id) this.invalidate();
    };
    document.addEventListener(type, onNewer, { signal: this.controller.signal });
  }

  /** True once the extension was reloaded, updated or removed (its runtime id is then gone). */
  get isInvalid(): boolean {
    if (browser.runtime?.id == null) this.invalidate();
    return this.controller.signal.aborted;
  }

  onInvalidated(cb: () => void): void {
    this.controller.signal.addEventListener('abort', cb);
  }

  addEventListener<K extends keyof WindowEventMap>(target: Window, type: K, handler: (event: WindowEventMap[K]) => void): void {
    target.addEventListener(type, handler, { signal: this.controller.signal });
  }

  private invalidate(): void {
    this.controller.abort();
  }
}
