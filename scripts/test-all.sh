#!/usr/bin/env bash
# `npm test`: every check that .ci/run runs, in order, on a machine that has done `npm ci`:
#   typecheck, lint, unit tests, production build for Chrome (MV3) and Firefox (MV2), the ASCII check of
#   built scripts, web-ext lint of the Firefox build, the demo builds (Chrome and Firefox), the real-browser
#   tests (Chromium, and Firefox ESR for the Firefox build).
# Every step runs even when an earlier one failed, so one run shows everything. Ends with the line CI
# reads: `N passed, N failed` (unit + e2e tests; a failed step that is not a test run counts as a failure).
set -uo pipefail
cd "$(dirname "$0")/.."

OUT="${PYKALA_OUT_DIR:-.output}"
DEMO_OUT="$OUT/demo"
LOG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/pykala-test.XXXXXX")"
BIN=node_modules/.bin
passed=0
failed=0
failed_steps=()
step_lines=()

now() { date +%s; }

# step <name> <command...>: runs it, records ok/FAILED and its time.
step() {
  local name=$1; shift
  local start; start=$(now)
  printf '\n=== %s\n' "$name"
  if "$@"; then
    step_lines+=("$(printf '  ok      %-34s %4ss' "$name" $(( $(now) - start )))")
    return 0
  else
    step_lines+=("$(printf '  FAILED  %-34s %4ss' "$name" $(( $(now) - start )))")
    failed_steps+=("$name")
    return 1
  fi
}

# vitest_step <name> <log> <args...>: a vitest run whose summary line is added to the totals.
vitest_step() {
  local name=$1 log=$2; shift 2
  step "$name" bash -c 'set -o pipefail; "$@" 2>&1 | tee "'"$log"'"' _ "$@"
  local rc=$?
  local summary
  summary=$(grep -aE '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 || true)
  if [[ -n "$summary" ]]; then
    passed=$(( passed + $(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$summary") ))
    failed=$(( failed + $(sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$summary") ))
    # A run that failed outside any test (e.g. an unhandled error) still counts as one failure.
    if [[ $rc -ne 0 && "$summary" =~ ^[0-9]+\ passed,\ 0\ failed ]]; then failed=$(( failed + 1 )); fi
  elif [[ $rc -ne 0 ]]; then
    failed=$(( failed + 1 ))
  fi
}

# script_text_check <dir>: Chromium silently refuses a whole extension whose content script is not strict UTF-8
# text (docs: toolchain.md, pitfall 1). Content scripts may hold UTF-8 (smaller in every page) but no surrogate
# or noncharacter; every other script must be ASCII (scripts/script-charset.ts).
script_text_check() {
  node -e '
    const fs = require("node:fs"), path = require("node:path");
    const dir = process.argv[1];
    if (!fs.existsSync(dir)) { console.error(`script text check: ${dir} does not exist`); process.exit(1); }
    const bad = [];
    const refused = (cp) => (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
    const check = (p) => {
      const b = fs.readFileSync(p);
      if (!p.includes(`${path.sep}content-scripts${path.sep}`)) {
        const i = b.findIndex((x) => x >= 0x80);
        if (i >= 0) bad.push(`${p}: not ASCII (byte 0x${b[i].toString(16)} at ${i})`);
        return;
      }
      let text;
      try { text = new TextDecoder("utf-8", { fatal: true }).decode(b); } catch { bad.push(`${p}: not valid UTF-8`); return; }
      const c = [...text].find((ch) => refused(ch.codePointAt(0)));
      if (c) bad.push(`${p}: U+${c.codePointAt(0).toString(16).toUpperCase()}, which Chromium refuses`);
    };
    const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else if (p.endsWith(".js")) check(p);
    } };
    walk(dir);
    if (bad.length) { console.error("built scripts Chromium may refuse:\n  " + bad.join("\n  ")); process.exit(1); }
    console.log(`script text check: content scripts under ${dir} are UTF-8 Chromium accepts, every other .js is ASCII`);
  ' "$1"
}

web_ext_lint() {
  "$BIN/web-ext" lint --source-dir "$OUT/firefox-mv2" --output json > "$LOG_DIR/web-ext.json" 2> "$LOG_DIR/web-ext.err"
  node -e '
    const fs = require("node:fs");
    let report;
    try { report = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); }
    catch { console.error("web-ext lint gave no report:\n" + fs.readFileSync(process.argv[2], "utf8")); process.exit(1); }
    const show = (kind, list) => list.forEach((m) => console.log(`  ${kind} ${m.code} ${m.file ?? ""} ${m.message}`));
    show("error  ", report.errors); show("warning", report.warnings); show("notice ", report.notices);
    console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`);
    process.exit(report.errors.length ? 1 : 0);
  ' "$LOG_DIR/web-ext.json" "$LOG_DIR/web-ext.err"
}

export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

step "typecheck (tsc --noEmit)" "$BIN/tsc" --noEmit
step "lint (eslint)" "$BIN/eslint" .
vitest_step "unit tests (vitest)" "$LOG_DIR/unit.log" "$BIN/vitest" run
step "build chrome-mv3 (production)" env PYKALA_DEMO= PYKALA_OUT_DIR="$OUT" "$BIN/wxt" build
step "script text check chrome-mv3" script_text_check "$OUT/chrome-mv3"
step "build firefox-mv2 (production)" env PYKALA_DEMO= PYKALA_OUT_DIR="$OUT" "$BIN/wxt" build -b firefox
step "web-ext lint firefox-mv2" web_ext_lint
step "build demo chrome-mv3" env PYKALA_DEMO=1 PYKALA_OUT_DIR="$DEMO_OUT" "$BIN/wxt" build
step "script text check demo chrome-mv3" script_text_check "$DEMO_OUT/chrome-mv3"
step "build demo firefox-mv2" env PYKALA_DEMO=1 PYKALA_OUT_DIR="$DEMO_OUT" "$BIN/wxt" build -b firefox
vitest_step "real-browser tests (vitest e2e)" "$LOG_DIR/e2e.log" env \
  PYKALA_EXT_DIR="$DEMO_OUT/chrome-mv3" PYKALA_PROD_EXT_DIR="$OUT/chrome-mv3" PYKALA_FIREFOX_EXT_DIR="$OUT/firefox-mv2" \
  PYKALA_FIREFOX_DEMO_EXT_DIR="$DEMO_OUT/firefox-mv2" \
  "$BIN/vitest" run -c vitest.e2e.config.ts

# Failed steps that are not test runs (typecheck, lint, builds, checks) count as failures too.
for name in "${failed_steps[@]}"; do
  case "$name" in unit\ tests*|real-browser*) ;; *) failed=$(( failed + 1 )) ;; esac
done

printf '\n=== summary\n'
printf '%s\n' "${step_lines[@]}"
if (( ${#failed_steps[@]} )); then printf 'failed steps: %s\n' "$(IFS=,; echo "${failed_steps[*]}")"; fi
printf '\n%d passed, %d failed\n' "$passed" "$failed"
rm -rf "$LOG_DIR"
[[ ${#failed_steps[@]} -eq 0 && $failed -eq 0 ]]
