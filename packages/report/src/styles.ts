const DARK = `color-scheme: dark;
  --bg: #14171d; --fg: #dfe3ea; --muted: #98a1b2; --faint: #1c2029; --border: #2e3440;
  --accent: #7aa2ff; --accent-fg: #0d1016; --focus: #ffcc4d;
  --pass: #3ecf7a; --fail: #ff6b6b; --partial: #f2c14e; --none: #232833;
  --code-bg: #1b1f27; --shadow: none;
  --tok-keyword: #c678dd; --tok-string: #98c379; --tok-number: #d19a66; --tok-comment: #7f8896;
  --tok-title: #61afef; --tok-built-in: #e5c07b; --tok-literal: #56b6c2;`;

/** The page's style sheet: light and dark themes, the views, and a print layout for the overview. */
export const STYLES = `
:root {
  color-scheme: light;
  --bg: #ffffff; --fg: #1d2330; --muted: #5b6475; --faint: #f3f5f8; --border: #d9dee7;
  --accent: #2f5fd0; --accent-fg: #ffffff; --focus: #f0a800;
  --pass: #1f9d55; --fail: #d64545; --partial: #e0a100; --none: #eef1f5;
  --code-bg: #f6f8fa; --shadow: 0 1px 2px rgba(0,0,0,.06);
  --tok-keyword: #a626a4; --tok-string: #50a14f; --tok-number: #986801; --tok-comment: #8a919e;
  --tok-title: #4078f2; --tok-built-in: #c18401; --tok-literal: #0184bb;
}
:root[data-theme="dark"] {
  ${DARK}
}
@media (prefers-color-scheme: dark) {
  :root:not([data-theme]) {
    ${DARK}
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
a { color: var(--accent); }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; overflow: auto; max-height: 32em; white-space: pre; margin: 6px 0; }
pre.wrap { white-space: pre-wrap; word-break: break-word; }
h1 { font-size: 18px; margin: 0; }
h2 { font-size: 17px; margin: 18px 0 8px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.top { position: sticky; top: 0; z-index: 10; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 18px; padding: 10px 20px; background: var(--bg); border-bottom: 1px solid var(--border); }
.top .meta { color: var(--muted); font-size: 13px; }
.tabs { display: flex; gap: 4px; flex-wrap: wrap; margin-left: auto; }
.tabs a, .button, button, select, input[type="search"] {
  font: inherit; color: var(--fg); background: var(--faint); border: 1px solid var(--border); border-radius: 6px; padding: 4px 10px; text-decoration: none;
}
button, .button { cursor: pointer; }
.tabs a[aria-current="page"] { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
.tabs kbd { font-size: 11px; opacity: .7; margin-left: 4px; }
.tabs a[aria-current="page"] kbd { color: inherit; background: transparent; border-color: currentColor; }
main { padding: 8px 20px 40px; max-width: 1600px; }
.view[hidden] { display: none; }
.note { color: var(--muted); font-size: 13px; }
.warnings { border-left: 3px solid var(--partial); padding: 4px 12px; margin: 12px 0; }
.card { border: 1px solid var(--border); border-radius: 8px; padding: 12px 14px; margin: 12px 0; box-shadow: var(--shadow); background: var(--bg); }
.chart { width: 100%; height: 360px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 0 16px; align-items: start; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; }
table.data th, table.data td { padding: 5px 10px; border-bottom: 1px solid var(--border); text-align: left; white-space: nowrap; }
table.data td.num, table.data th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.data thead th { position: sticky; top: 0; background: var(--faint); font-weight: 600; }
table.data tbody tr:hover { background: var(--faint); }
th button.sort { all: unset; cursor: pointer; }
th button.sort:focus-visible { outline: 2px solid var(--focus); }
th[aria-sort="ascending"] button.sort::after { content: " ▲"; font-size: 10px; }
th[aria-sort="descending"] button.sort::after { content: " ▼"; font-size: 10px; }
.exports { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 10px 0; }
.exports details { flex-basis: 100%; }
.filters { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 8px 0; }
.filters input[type="search"] { min-width: 18em; }
.grid { border-collapse: separate; border-spacing: 2px; }
.grid th.run { writing-mode: vertical-rl; transform: rotate(180deg); max-height: 14em; overflow: hidden; text-overflow: ellipsis; font-weight: 500; font-size: 12px; padding: 4px 2px; text-align: left; }
.grid th.problem { text-align: left; font-weight: 500; padding-right: 10px; white-space: nowrap; }
.grid td { width: 26px; height: 20px; padding: 0; }
.grid td a, .grid td span { display: block; width: 100%; height: 100%; border-radius: 3px; font-size: 10px; text-align: center; line-height: 20px; color: #fff; text-decoration: none; }
.cell-pass { background: var(--pass); }
.cell-fail { background: var(--fail); }
.cell-partial { background: var(--partial); }
.cell-none { background: var(--none); }
/* A cell with a verdict that changed when judged again alone: a corner mark that survives every fill colour. */
.grid td a.flaky { position: relative; box-shadow: inset 0 0 0 2px var(--fg); }
.grid td a.flaky::after, .legend i.flaky::after { content: ""; position: absolute; top: 0; right: 0; border-style: solid; border-width: 0 7px 7px 0; border-color: transparent var(--fg) transparent transparent; }
.legend i.flaky { position: relative; background: var(--pass); box-shadow: inset 0 0 0 2px var(--fg); }
.legend { display: inline-flex; gap: 10px; align-items: center; font-size: 12px; color: var(--muted); }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -2px; margin-right: 4px; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; color: #fff; background: var(--muted); }
.badge.P { background: var(--pass); }
.badge.W, .badge.R, .badge.S, .badge.T, .badge.M, .badge.O { background: var(--fail); }
.badge.E, .badge.X, .badge.L { background: var(--partial); color: #1d2330; }
.badge.flaky { background: var(--fg); color: var(--bg); }
.badge.rechecked { background: transparent; color: var(--muted); border: 1px solid var(--border); font-weight: 500; }
#verdict-checks .flaky-problems, #verdict-checks ul.flipping { font-size: 13px; }
#verdict-checks h4 { font-size: 14px; margin: 12px 0 4px; }
.chips { display: flex; gap: 6px; flex-wrap: wrap; margin: 6px 0; }
.chip { border: 1px solid var(--border); border-radius: 12px; padding: 0 8px; font-size: 12px; color: var(--muted); }
.problem-nav { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.run-block, details.sample { scroll-margin-top: 70px; }
.run-block { border-top: 2px solid var(--border); margin-top: 18px; }
details.sample { border: 1px solid var(--border); border-radius: 8px; margin: 8px 0; padding: 0 12px; }
details.sample[open] { padding-bottom: 10px; }
details.sample > summary { cursor: pointer; padding: 8px 0; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
.stats { display: flex; gap: 4px 16px; flex-wrap: wrap; color: var(--muted); font-size: 12.5px; }
.stats b { color: var(--fg); font-weight: 600; }
ol.trace { list-style: none; padding: 0; margin: 6px 0; counter-reset: event; }
ol.trace > li { border-left: 3px solid var(--border); padding: 4px 0 4px 12px; margin: 8px 0; }
ol.trace > li.model_call { border-color: var(--accent); }
ol.trace > li.sample_tests { border-color: var(--pass); }
ol.trace > li.sample_tests.failed { border-color: var(--fail); }
ol.trace > li.decision { border-color: var(--partial); }
ol.trace > li.model_error { border-color: var(--fail); }
.event-head { display: flex; gap: 10px; flex-wrap: wrap; align-items: baseline; }
.event-head .step { font-weight: 600; }
.role { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin-top: 6px; }
.sentence { font-size: 15px; margin: 10px 0; }
.pair-select { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
.keys { position: fixed; right: 20px; bottom: 20px; z-index: 20; max-width: 360px; }
.keys table td { padding: 2px 8px; }
kbd { border: 1px solid var(--border); border-bottom-width: 2px; border-radius: 4px; padding: 0 5px; font-size: 12px; background: var(--faint); }
.hljs-keyword, .hljs-meta .hljs-keyword { color: var(--tok-keyword); }
.hljs-string, .hljs-meta .hljs-string { color: var(--tok-string); }
.hljs-number { color: var(--tok-number); }
.hljs-comment { color: var(--tok-comment); font-style: italic; }
.hljs-title, .hljs-title.function_ { color: var(--tok-title); }
.hljs-built_in, .hljs-params { color: var(--tok-built-in); }
.hljs-literal, .hljs-meta { color: var(--tok-literal); }
@media print {
  .top .tabs, .top button, .exports, .view:not(#view-overview), .keys, noscript { display: none !important; }
  #view-overview { display: block !important; }
  .top { position: static; border: 0; padding: 0 0 8px; }
  main { padding: 0; max-width: none; }
  html, body { background: #fff; color: #000; font-size: 10pt; }
  table.data thead th { position: static; background: none; }
  table.data th, table.data td { padding: 2px 6px; border-color: #999; }
  .table-wrap { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`;
