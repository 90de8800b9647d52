// The ops console's one stylesheet and one script, served from /ops/assets/ (the CSP allows no inline code). The
// script only does what plain forms cannot: load a catalog file or the version in force into the editor, and publish
// it through `PUT /v1/ops/catalog` with the session's CSRF token, showing the schema's issues by path.

const css = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --bg: #f5f7fa; --card: #fff; --brand: #b3261e; --ok: #1e7d45; --warn: #b7791f; --bad: #c53030; --link: #1d4ed8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--link); text-decoration: none; } a:hover { text-decoration: underline; }
header.top { display: flex; align-items: center; gap: 24px; padding: 0 24px; height: 52px; background: #fff; border-bottom: 3px solid var(--brand); position: sticky; top: 0; z-index: 1; }
.brand { font-weight: 700; color: var(--brand); font-size: 16px; white-space: nowrap; }
header nav { display: flex; gap: 4px; flex: 1; }
header nav a { padding: 6px 12px; border-radius: 6px; color: var(--ink); }
header nav a.active { background: #fdecea; color: var(--brand); font-weight: 600; }
.spacer { flex: 1; }
.who { display: flex; align-items: center; gap: 12px; color: var(--muted); white-space: nowrap; }
main { padding: 20px 24px 40px; max-width: 1400px; margin: 0 auto; }
h1 { font-size: 20px; margin: 4px 0 16px; }
h2 { font-size: 15px; margin: 0 0 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; margin-bottom: 16px; }
.card > * + h2 { margin-top: 20px; }
.narrow { max-width: 380px; }
.two { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; align-items: start; }
.two .card { margin-bottom: 0; }
label { display: block; margin-bottom: 12px; color: var(--muted); }
input, select, textarea { display: block; width: 100%; margin-top: 4px; padding: 7px 10px; border: 1px solid #cbd2d9; border-radius: 6px; font: inherit; color: var(--ink); background: #fff; }
textarea { font: 12px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; resize: vertical; margin-bottom: 12px; }
.row { display: flex; gap: 12px; align-items: flex-end; flex-wrap: wrap; margin-bottom: 8px; }
.row label { margin-bottom: 0; }
form.inline { display: inline-flex; gap: 6px; align-items: center; margin: 0 6px 0 0; }
form.inline select { display: inline-block; width: auto; margin: 0; padding: 3px 6px; }
button { font: inherit; cursor: pointer; border-radius: 6px; padding: 7px 16px; border: 1px solid transparent; }
button.primary { background: var(--brand); color: #fff; }
button.secondary { background: #fff; border-color: #cbd2d9; color: var(--ink); padding: 4px 10px; }
button.link { background: none; border: 0; padding: 0; color: var(--link); }
label.file input { display: inline-block; width: auto; }
.cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; margin-bottom: 16px; }
.stat { background: #fff; border: 1px solid var(--line); border-left: 4px solid #cbd2d9; border-radius: 8px; padding: 10px 14px; color: var(--ink); }
.stat:hover { text-decoration: none; border-color: #9aa5b1; }
.stat .n { display: block; font-size: 26px; font-weight: 700; }
.stat .label { color: var(--muted); }
.stat.ok { border-left-color: var(--ok); } .stat.warn { border-left-color: var(--warn); } .stat.bad { border-left-color: var(--bad); }
.stat.warn .n { color: var(--warn); } .stat.bad .n { color: var(--bad); }
.tabs { display: flex; gap: 4px; margin-bottom: 12px; flex-wrap: wrap; }
.tabs a { padding: 4px 12px; border-radius: 999px; border: 1px solid var(--line); background: #fff; color: var(--ink); }
.tabs a.active { background: var(--ink); color: #fff; border-color: var(--ink); }
table.grid { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
.card table.grid { border: 0; }
table.grid th { text-align: left; font-weight: 600; color: var(--muted); background: #f9fafb; padding: 8px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
table.grid td { padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
table.grid tr:last-child td { border-bottom: 0; }
table.small-rows td { padding: 5px 10px; }
.badge { display: inline-block; padding: 1px 8px; margin: 0 4px 2px 0; border-radius: 999px; font-size: 12px; background: #e4e7eb; color: var(--ink); white-space: nowrap; }
.badge.ok { background: #e3f5ea; color: var(--ok); } .badge.warn { background: #fdf3dc; color: #8a5a0b; } .badge.bad { background: #fde8e8; color: var(--bad); } .badge.muted { color: var(--muted); }
.small { font-size: 12px; color: var(--muted); }
.mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.warn-text { color: #8a5a0b; }
.hint { color: var(--muted); margin: 0 0 12px; }
.empty { color: var(--muted); font-style: italic; }
.pager { color: var(--muted); margin-top: 10px; }
.pager a { margin-left: 8px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 18px; margin: 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
table.bars { width: 100%; border-collapse: collapse; }
table.bars th { text-align: left; font-weight: normal; padding: 3px 10px 3px 0; width: 34%; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 220px; }
table.bars td.bar { padding: 3px 0; } table.bars svg { width: 100%; height: 14px; display: block; background: #f0f2f5; border-radius: 3px; }
table.bars rect { fill: #4c6fbf; } table.bars rect.ok { fill: var(--ok); } table.bars rect.warn { fill: var(--warn); } table.bars rect.bad { fill: var(--bad); }
table.bars td.num { text-align: right; width: 64px; padding-left: 10px; font-variant-numeric: tabular-nums; }
.notice { padding: 10px 14px; border-radius: 6px; margin-bottom: 16px; border: 1px solid; }
.notice.ok { background: #e3f5ea; border-color: #a7dcb9; } .notice.error { background: #fde8e8; border-color: #f5b5b5; } .notice.info { background: #e8f0fe; border-color: #b6ccf5; }
.notice ul { margin: 6px 0 0; padding-left: 20px; } .notice code, code.otp { font-family: ui-monospace, monospace; background: #fff; padding: 1px 6px; border-radius: 4px; }
code.otp { font-size: 16px; letter-spacing: 1px; }
pre.json { margin: 0; max-height: 240px; max-width: 280px; overflow: auto; white-space: pre; font-family: ui-monospace, "DejaVu Sans Mono", monospace; background: #f9fafb; border-radius: 4px; padding: 4px 6px; }
ul.plain { list-style: none; margin: 4px 0 0; padding: 0; }
.row label.grow { flex: 1; min-width: 240px; }
form.inline input[type=number] { display: inline-block; width: 80px; margin: 0; padding: 3px 6px; }
`;

const js = `
'use strict';
(function () {
  var form = document.getElementById('catalog-form');
  if (!form) return;
  var editor = document.getElementById('catalog-json');
  var result = document.getElementById('catalog-result');
  var csrf = document.querySelector('meta[name="csrf-token"]');
  function fill(template, values) { return template.replace(/\\{(\\w+)\\}/g, function (m, k) { return k in values ? values[k] : m; }); }
  function show(kind, text, issues) {
    result.textContent = '';
    var box = document.createElement('div');
    box.className = 'notice ' + kind;
    box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    box.appendChild(document.createTextNode(text));
    if (issues && issues.length) {
      var list = document.createElement('ul');
      issues.forEach(function (issue) {
        var li = document.createElement('li');
        var code = document.createElement('code');
        code.textContent = issue.path.replace(/^body\\.?/, '') || '(root)';
        li.appendChild(code);
        li.appendChild(document.createTextNode(' ' + issue.message));
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    result.appendChild(box);
  }
  // A document too large to edit by hand (the 5,000-item demo catalog is 14 MB, 670,000 lines) is held here instead
  // of in the textarea, which Chromium takes tens of seconds to lay out; it is published as it was loaded or chosen.
  var editorMaxChars = 2000000;
  var held = null;
  function take(text, name, bytes) {
    result.textContent = '';
    if (text.length <= editorMaxChars) {
      held = null;
      editor.value = text;
      return;
    }
    held = text;
    editor.value = '';
    show('info', fill(form.dataset.textHeld, { name: name, size: (bytes / 1048576).toFixed(1) }));
  }
  editor.addEventListener('input', function () { held = null; });
  document.getElementById('catalog-file').addEventListener('change', function (event) {
    var file = event.target.files && event.target.files[0];
    if (file) file.text().then(function (text) { take(text, file.name, file.size); });
  });
  document.getElementById('catalog-load').addEventListener('click', function () {
    fetch('/ops/catalog/current.json', { credentials: 'same-origin' }).then(function (r) { return r.blob(); }).then(function (blob) {
      return blob.text().then(function (text) { take(text, form.dataset.textCurrent, blob.size); });
    });
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    fetch('/v1/ops/catalog', {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf ? csrf.content : '' },
      body: held === null ? editor.value : held,
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (response.ok) {
          show('ok', fill(form.dataset[answer.created ? 'textPublished' : 'textUnchanged'], { version: answer.version }));
        } else if (answer.issues && answer.issues.length) {
          show('error', form.dataset.textIssues, answer.issues);
        } else {
          show('error', fill(form.dataset.textRefused, { message: answer.message || response.status }));
        }
      });
    }).catch(function (error) { show('error', fill(form.dataset.textRefused, { message: String(error) })); });
  });
})();
`;

export const consoleAssets: Record<string, { type: string; body: string }> = {
  'console.css': { type: 'text/css; charset=utf-8', body: css },
  'console.js': { type: 'text/javascript; charset=utf-8', body: js },
};
