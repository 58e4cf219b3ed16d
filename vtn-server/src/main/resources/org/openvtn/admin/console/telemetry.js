// Telemetry (oadrUpdateReport data, GET /reports) as a plot over time with uPlot, per VEN and rID.
import {api, enc} from './api.js';
import {h, field, select, input} from './dom.js';

let chart = null;

function plot(box, summary, points, venId, rId) {
  if (chart) {
    chart.destroy();
    chart = null;
  }
  box.replaceChildren();
  const sel = points.filter(p => p.rId === rId)
    .map(p => [Date.parse(p.timestamp) / 1000, p.value]).sort((a, b) => a[0] - b[0]);
  if (sel.length === 0) {
    summary.textContent = `No telemetry for ${rId || 'this VEN'}.`;
    return;
  }
  summary.textContent = `${sel.length} points of ${rId} from ${venId}, `
    + `${new Date(sel[0][0] * 1000).toISOString()} to ${new Date(sel[sel.length - 1][0] * 1000).toISOString()}.`;
  if (typeof window.uPlot !== 'function') {
    summary.textContent += ' (the chart library did not load)';
    return;
  }
  chart = new window.uPlot({
    title: `${venId} ${rId}`, width: Math.max(320, Math.min(1000, box.clientWidth || 800)), height: 320,
    series: [{}, {label: rId, stroke: '#1f5fa8', width: 2, points: {show: true}}],
    axes: [{}, {}],
  }, [sel.map(p => p[0]), sel.map(p => p[1])], box);
}

export async function render(root) {
  const vens = await api('GET', '/vens');
  const venSel = select(vens.map(v => [v.venId, `${v.venName || v.venId} (${v.venId})`]));
  const metricSel = select([]);
  const limit = input({type: 'number', min: '1', max: '10000', value: '1000'});
  const summary = h('p', {id: 'telemetry-summary', role: 'status'});
  const box = h('div', {id: 'telemetry-plot', role: 'img', 'aria-label': 'Telemetry plot'});
  let points = [];
  const draw = () => plot(box, summary, points, venSel.value, metricSel.value);
  const load = async () => {
    if (!venSel.value) {
      summary.textContent = 'No VEN is registered.';
      return;
    }
    points = await api('GET', `/reports?venId=${enc(venSel.value)}&limit=${enc(limit.value || '1000')}`);
    const rIds = [...new Set(points.map(p => p.rId))].sort();
    metricSel.replaceChildren(...rIds.map(r => h('option', {value: r}, r)));
    draw();
  };
  venSel.addEventListener('change', load);
  metricSel.addEventListener('change', draw);
  const form = h('form', {id: 'telemetry-form'},
    field('telemetry-ven', 'Participant (VEN)', venSel),
    field('telemetry-metric', 'Metric (rID)', metricSel),
    field('telemetry-limit', 'Latest points (1-10000)', limit),
    h('button', {type: 'submit', id: 'telemetry-load'}, 'Load'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    load();
  });
  root.append(h('h2', null, 'Telemetry'), form, summary, box);
  await load();
}
