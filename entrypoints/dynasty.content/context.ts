/**
 * `wxt/utils/content-script-context` for the content script (wxt.config.ts aliases it here for
 * content-script builds only): the part of WXT's ContentScriptContext that mount.tsx uses
 * (`ReadingContext`), 0.5 kB instead of 3.6 kB. Left out: timers, requestAnimationFrame, the
 * `wxt:locationchange` watcher and the window.postMessage that WXT sends to every page script.
 *
 * Kept: the hand-over between an old and a new copy of the script in the same tab (extension reloaded
 * or updated): the same CustomEvent name and detail as WXT's, so either version stops the other. The
 * detail has no messageId: WXT's context uses it only to ignore its own event, which this one never
 * hears (it listens only after dispatching), and WXT's treats an event without one as another copy's.
 */
import { browser } from 'wxt/browser';

/** What the reading UI needs from its context; index.ts passes WXT's ctx, which has all of it. */
export interface ReadingContext {
  readonly isInvalid: boolean;
  onInvalidated(cb: () => void): void;
  addEventListener<K extends keyof WindowEventMap>(target: Window, type: K, handler: (event: WindowEventMap[K]) => void): void;
}

export class ContentScriptContext implements ReadingContext {
  readonly #controller = new AbortController();
  readonly #signal = this.#controller.signal;

  constructor(contentScriptName: string) {
    const type = `${browser.runtime?.id}:${import.meta.env.ENTRYPOINT}:wxt:content-script-started`;
    document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName } }));
    document.addEventListener(
      type,
      (event) => {
        if ((event as CustomEvent<{ contentScriptName?: string } | null>).detail?.contentScriptName === contentScriptName) this.#controller.abort();
      },
      { signal: this.#signal },
    );
  }

  /** True once the extension was reloaded, updated or removed (its runtime id is then gone). */
  get isInvalid(): boolean {
    if (browser.runtime?.id == null) this.#controller.abort();
    return this.#signal.aborted;
  }

  onInvalidated(cb: () => void): void {
    this.#signal.addEventListener('abort', cb);
  }

  addEventListener<K extends keyof WindowEventMap>(target: Window, type: K, handler: (event: WindowEventMap[K]) => void): void {
    target.addEventListener(type, handler, { signal: this.#signal });
  }
}
