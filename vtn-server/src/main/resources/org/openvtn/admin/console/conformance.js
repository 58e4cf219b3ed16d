// Conformance reports: the index.json that `openvtn conformance ... --report DIR` writes, read in the browser.
import {h, table, field, notify} from './dom.js';

const ORDER = ['FAIL', 'NON_STRICT', 'SKIPPED', 'NOT_APPLICABLE', 'PASS'];

function show(box, report, name) {
  const cases = Object.entries(report.cases || {});
  if (!report.suite || typeof report.cases !== 'object') throw new Error(`${name} is not a conformance index.json`);
  const counts = report.counts || {};
  box.replaceChildren(
    h('h3', null, `${report.suite}: ${report.summary || ''}`),
    h('p', null, `Target ${report.target || '?'}; started ${report.started || '?'}, finished ${report.finished || '?'}; `
      + `${(report.tool && report.tool.name) || ''} ${(report.tool && report.tool.version) || ''}.`),
    h('ul', {id: 'conformance-counts', class: 'counts'},
      ORDER.filter(v => counts[v]).map(v => h('li', {class: 'verdict-' + v}, `${v}: ${counts[v]}`))),
    table('Verdicts', ['Test', 'Verdict', 'Duration', 'Reason', 'Violations'],
      cases.map(([id, c]) => [id, h('span', {class: 'verdict-' + c.verdict}, c.verdict),
        c.durationMs === undefined ? c.duration : `${c.durationMs} ms`, c.reason,
        (c.violations || []).map(v => `${v.level} ${v.rule}: ${v.message}`).join('; ')]),
      {id: 'conformance-verdicts'}));
}

export async function render(root) {
  const file = h('input', {type: 'file', accept: '.json,application/json'});
  const box = h('section', {id: 'conformance-report', 'aria-live': 'polite'});
  file.addEventListener('change', async () => {
    const f = file.files[0];
    if (!f) return;
    try {
      show(box, JSON.parse(await f.text()), f.name);
      notify(`Report ${f.name} loaded.`);
    } catch (e) {
      box.replaceChildren();
      notify(`Cannot read ${f.name}: ${e.message}`, true);
    }
  });
  root.append(h('h2', null, 'Conformance reports'),
    h('p', null, 'Open the index.json of a report directory written by ',
      h('code', null, 'openvtn conformance vtn|ven ... --report DIR'),
      '. The file is read in this browser only; nothing is uploaded to the server.'),
    field('conformance-file', 'Report index.json', file), box);
}
