/**
 * The panel's CSS as a string, for the <style> in its shadow root (page CSS cannot reach in; ours
 * cannot leak out). Kept in panel.css and imported with ?inline, so Vite minifies it in the build.
 */
import css from './panel.css?inline';

export const PANEL_CSS: string = css;
