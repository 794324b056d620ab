/**
 * The panel's CSS, applied inside its shadow root (page CSS cannot reach in; ours cannot leak out).
 * Sizes in em, so the page's own font size (and the user's zoom) carries; colours follow
 * prefers-color-scheme and keep WCAG AA contrast in both schemes.
 */
export const PANEL_CSS = `
:host { all: initial; display: block; font-size: inherit; margin: 0 0 1em; }
.pk { --bg: #ffffff; --fg: #1b1b1b; --muted: #4d4d4d; --line: #8a8a8a; --accent: #0b4f8a; --sel: #e4eefb;
  --ins-bg: #d8f5d8; --ins-fg: #0a3d12; --del-bg: #fde2e2; --del-fg: #7a0b0b; --focus: #1a5fd0;
  --ok-bg: #dff3e3; --ok-fg: #0d4a1c; --warn-bg: #fff1c7; --warn-fg: #5a4200; --info-bg: #e3ecfa; --info-fg: #123d75;
  --bad-bg: #fde2e2; --bad-fg: #7a0b0b;
  box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 1em; line-height: 1.45; color: var(--fg); background: var(--bg);
  border: 0.0625em solid var(--line); border-left: 0.3em solid var(--accent); border-radius: 0.3em;
  padding: 0.6em 0.9em; max-width: 60em; text-align: left; }
@media (prefers-color-scheme: dark) {
  .pk { --bg: #1d1f21; --fg: #ececec; --muted: #c4c4c4; --line: #8c8c8c; --accent: #7fb2f0; --sel: #2b3a4f;
    --ins-bg: #153d1f; --ins-fg: #c9f5cf; --del-bg: #4d1717; --del-fg: #ffd6d6; --focus: #9cc4ff;
    --ok-bg: #173d22; --ok-fg: #c9f5cf; --warn-bg: #45390f; --warn-fg: #ffe9a6; --info-bg: #1c3150; --info-fg: #d4e4ff;
    --bad-bg: #4d1717; --bad-fg: #ffd6d6; }
}
.pk *, .pk *::before, .pk *::after { box-sizing: border-box; }
.pk a { color: var(--accent); text-decoration: underline; }
.pk :focus-visible { outline: 0.15em solid var(--focus); outline-offset: 0.1em; }
.pk h2 { font-size: 1.15em; margin: 0; line-height: 1.3; }
.pk h3 { font-size: 1em; margin: 0.8em 0 0.25em; }
.pk p { margin: 0.3em 0; }
.pk ul, .pk ol { margin: 0.2em 0; padding-left: 1.4em; }
.pk-head { display: flex; gap: 0.6em; align-items: flex-start; justify-content: space-between; }
.pk-head-actions { display: flex; gap: 0.4em; flex-shrink: 0; }
.pk button { font: inherit; font-size: 0.9em; color: var(--fg); background: var(--bg); border: 0.0625em solid var(--line);
  border-radius: 0.25em; padding: 0.15em 0.6em; cursor: pointer; }
.pk button:hover { background: var(--sel); }
.pk-meta { display: flex; flex-wrap: wrap; gap: 0.2em 1.2em; margin: 0.4em 0; padding: 0; }
.pk-meta div { display: flex; gap: 0.35em; }
.pk-meta dt { color: var(--muted); }
.pk-meta dd { margin: 0; font-weight: 600; }
.pk-badge { display: inline-block; font-weight: 600; font-size: 0.9em; padding: 0.1em 0.55em; border-radius: 1em;
  background: var(--info-bg); color: var(--info-fg); }
.pk-outcome-as-proposed, .pk-outcome-noted { background: var(--ok-bg); color: var(--ok-fg); }
.pk-outcome-amended, .pk-outcome-voted, .pk-outcome-tabled, .pk-outcome-returned { background: var(--warn-bg); color: var(--warn-fg); }
.pk-outcome-rejected { background: var(--bad-bg); color: var(--bad-fg); }
.pk-text { white-space: pre-line; margin: 0.2em 0; }
.pk details > summary { cursor: pointer; }
.pk details > summary h3 { display: inline; }
.pk-diff ins { background: var(--ins-bg); color: var(--ins-fg); text-decoration: underline; }
.pk-diff del { background: var(--del-bg); color: var(--del-fg); text-decoration: line-through; }
.pk-note, .pk-missing { color: var(--muted); font-size: 0.9em; }
.pk-missing ul { display: inline; padding: 0; }
.pk-missing li { display: inline; }
.pk-missing li + li::before { content: ", "; }
.pk-links { display: flex; flex-wrap: wrap; gap: 0.3em 1em; list-style: none; padding: 0; }
.pk-timeline { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.2em 0.6em; }
.pk-timeline li + li::before { content: "\\2192  "; color: var(--muted); }
.pk-items { list-style: none; padding: 0; }
.pk-items li { display: flex; gap: 0.5em; align-items: baseline; padding: 0.1em 0.3em; border-radius: 0.2em; }
.pk-items li.pk-selected { background: var(--sel); outline: 0.0625em solid var(--line); }
.pk-num { min-width: 3.2em; color: var(--muted); font-variant-numeric: tabular-nums; }
.pk-mark { font-size: 0.8em; padding: 0 0.4em; border-radius: 0.8em; border: 0.0625em solid var(--line); white-space: nowrap; }
.pk-mark-new { background: var(--warn-bg); color: var(--warn-fg); }
.pk-mark-bookmarked { background: var(--info-bg); color: var(--info-fg); }
.pk-mark-read { color: var(--muted); }
.pk-form { display: grid; gap: 0.4em; margin: 0.4em 0; }
.pk-form textarea { font: inherit; color: var(--fg); background: var(--bg); border: 0.0625em solid var(--line); border-radius: 0.25em;
  min-height: 4em; padding: 0.3em; width: 100%; }
.pk-form-actions { display: flex; gap: 0.4em; flex-wrap: wrap; }
.pk-foot { display: flex; flex-wrap: wrap; gap: 0.3em 1em; color: var(--muted); font-size: 0.85em; margin-top: 0.5em; }
.pk kbd { font-family: ui-monospace, monospace; border: 0.0625em solid var(--line); border-radius: 0.2em; padding: 0 0.3em; background: var(--bg); color: var(--fg); }
.pk-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.pk-overlay { position: fixed; inset: 0; background: rgba(0,0,0,0.45); display: flex; align-items: center; justify-content: center; z-index: 2147483647; }
.pk-dialog { background: var(--bg); color: var(--fg); border: 0.0625em solid var(--line); border-radius: 0.4em; padding: 1em 1.2em;
  max-width: 34em; width: calc(100% - 2em); max-height: calc(100vh - 2em); overflow: auto; }
.pk-keys { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
.pk-keys th, .pk-keys td { text-align: left; padding: 0.2em 0.5em; border-bottom: 0.0625em solid var(--line); }
`;
