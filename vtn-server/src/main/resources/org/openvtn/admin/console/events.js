// Programmes and events: list, create, modify, cancel; per event the VENs' responses (opt in/out) and opts.
import {api, enc, guarded} from './api.js';
import {h, table, field, input, select, notify, list} from './dom.js';

function defaultStart() {
  const d = new Date(Date.now() + 3600 * 1000);
  d.setUTCSeconds(0, 0);
  return d.toISOString().replace('.000Z', 'Z');
}

function programForm(ctx) {
  const form = h('form', {id: 'program-form', 'aria-labelledby': 'program-form-title'},
    h('h3', {id: 'program-form-title'}, 'New programme'),
    field('program-name', 'Name', input({required: true})),
    field('program-market', 'Market context (URI)', input({required: true, placeholder: 'http://market.example/dr'})),
    field('program-overlap', 'Overlapping events', select([['reject', 'reject'], ['supersede', 'supersede']])),
    h('button', {type: 'submit', id: 'program-create'}, 'Create programme'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const p = await guarded(() => api('POST', '/programs', {
      name: form.elements['program-name'].value, marketContext: form.elements['program-market'].value,
      overlap: form.elements['program-overlap'].value}));
    if (p) {
      await ctx.refresh();
      notify(`Programme ${p.name} created (${p.id}).`);
    }
  });
  return form;
}

function eventForm(programs, ctx) {
  const title = h('h3', {id: 'event-form-title'}, 'New event');
  const form = h('form', {id: 'event-form', 'aria-labelledby': 'event-form-title'}, title,
    field('event-program', 'Programme', select(programs.map(p => [p.id, `${p.name} (${p.marketContext})`]))),
    field('event-start', 'Start (ISO-8601 instant)', input({required: true, value: defaultStart()})),
    field('event-duration', 'Duration (ISO-8601)', input({required: true, value: 'PT1H'})),
    field('event-signal', 'Signal name', input({required: true, value: 'SIMPLE'})),
    field('event-type', 'Signal type', input({required: true, value: 'level'})),
    field('event-value', 'Signal value', input({type: 'number', step: 'any', required: true, value: '1'})),
    field('event-vens', 'Target VEN IDs (comma separated; empty: all)', input({})),
    field('event-priority', 'Priority (0: none)', input({type: 'number', min: '0', value: '0'})),
    field('event-response', 'Response required', select([['always', 'always'], ['never', 'never']])),
    field('event-comment', 'Comment', input({})),
    h('input', {type: 'hidden', id: 'event-id', value: ''}),
    h('button', {type: 'submit', id: 'event-save'}, 'Create event'),
    h('button', {type: 'reset', id: 'event-new'}, 'Clear'));
  form.addEventListener('reset', () => {
    form.elements['event-id'].value = '';
    title.textContent = 'New event';
    form.elements['event-save'].textContent = 'Create event';
  });
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const f = form.elements;
    const vens = f['event-vens'].value.split(',').map(s => s.trim()).filter(Boolean);
    const body = {
      programId: f['event-program'].value, start: f['event-start'].value.trim(),
      signals: [{name: f['event-signal'].value.trim(), type: f['event-type'].value.trim(),
        intervals: [{duration: f['event-duration'].value.trim(), value: Number(f['event-value'].value)}]}],
      targets: vens.length ? {venIds: vens} : {all: true},
      priority: Number(f['event-priority'].value || 0), responseRequired: f['event-response'].value,
      vtnComment: f['event-comment'].value || null};
    const id = f['event-id'].value;
    const e = await guarded(() => id ? api('PUT', '/events/' + enc(id), body) : api('POST', '/events', body));
    if (e) {
      await ctx.refresh();
      notify(`Event ${e.id} ${id ? 'modified' : 'created'} (modification ${e.modificationNumber}).`);
    }
  });
  return form;
}

function edit(form, e) {
  const f = form.elements;
  const s = e.signals[0] || {intervals: []};
  f['event-id'].value = e.id;
  f['event-program'].value = e.programId;
  f['event-start'].value = e.start;
  f['event-duration'].value = (s.intervals[0] || {}).duration || e.duration;
  f['event-signal'].value = s.name || '';
  f['event-type'].value = s.type || '';
  f['event-value'].value = (s.intervals[0] || {}).value ?? '';
  f['event-vens'].value = list(e.targets.venIds);
  f['event-priority'].value = e.priority;
  f['event-response'].value = e.responseRequired;
  f['event-comment'].value = e.vtnComment || '';
  document.getElementById('event-form-title').textContent = 'Modify event ' + e.id;
  f['event-save'].textContent = 'Save modification';
  f['event-start'].focus();
}

function targets(t) {
  if (t.all) return 'all';
  return [['VENs', t.venIds], ['groups', t.groupIds], ['resources', t.resourceIds], ['parties', t.partyIds]]
    .filter(([, v]) => v && v.length).map(([k, v]) => `${k}: ${list(v)}`).join('; ');
}

async function details(box, e) {
  const [responses, vens] = await Promise.all([
    api('GET', `/events/${enc(e.id)}/responses`), api('GET', '/vens')]);
  // the admin API lists opts per VEN only: gather those naming this event
  const opts = (await Promise.all(vens.slice(0, 100).map(v => api('GET', `/vens/${enc(v.venId)}/opts`))))
    .flat().filter(o => o.eventId === e.id);
  box.replaceChildren(
    h('h3', {id: 'event-details-title'}, `Event ${e.id}`),
    h('p', null, `Programme ${e.programId}, ${e.marketContext}; status ${e.status}; modification `
      + `${e.modificationNumber}; ${e.start} for ${e.duration}; targets ${targets(e.targets)}.`),
    table('Responses (oadrCreatedEvent: opt in / opt out)', ['VEN', 'Opt', 'Code', 'Description', 'Modification',
      'Received'], responses.map(r => [r.venId, r.optType, String(r.responseCode), r.responseDescription,
      String(r.modificationNumber), r.receivedAt]), {id: 'event-responses'}),
    table('Opts naming this event (EiOpt)', ['VEN', 'Opt ID', 'Opt', 'Reason', 'Cancelled', 'Created'],
      opts.map(o => [o.venId, o.optId, o.optType, o.reason, o.cancelled ? 'yes' : 'no', o.createdAt]),
      {id: 'event-opts'}));
  box.focus();
}

export async function render(root, ctx) {
  const [programs, events] = await Promise.all([api('GET', '/programs'), api('GET', '/events')]);
  const evForm = eventForm(programs, ctx);
  const detailBox = h('section', {id: 'event-details', tabindex: '-1', 'aria-live': 'polite'});
  const rows = events.slice().reverse().map(e => {
    const s = e.signals.map(x => `${x.name}/${x.type} ${x.intervals.map(i => i.value).join(' ')}`).join('; ');
    const done = e.status === 'cancelled' || e.status === 'completed';
    return [e.id, e.programId, h('span', {class: 'status-' + e.status}, e.status), String(e.modificationNumber),
      e.start, e.duration, s, targets(e.targets), h('span', {class: 'actions'},
        h('button', {type: 'button', 'aria-label': `Details of event ${e.id}`,
          onclick: () => guarded(() => details(detailBox, e))}, 'Details'),
        h('button', {type: 'button', 'aria-label': `Modify event ${e.id}`, disabled: done,
          onclick: () => edit(evForm, e)}, 'Modify'),
        h('button', {type: 'button', 'aria-label': `Cancel event ${e.id}`, disabled: done, class: 'danger',
          onclick: async () => {
            if (await guarded(() => api('POST', `/events/${enc(e.id)}/cancel`, undefined))) {
              await ctx.refresh();
              notify(`Event ${e.id} cancelled.`);
            }
          }}, 'Cancel'))];
  });
  root.append(
    h('h2', null, 'Programmes'),
    table('Programmes', ['ID', 'Name', 'Market context', 'Overlap', 'Created'],
      programs.map(p => [p.id, p.name, p.marketContext, p.overlap, p.createdAt]), {id: 'programs'}),
    programForm(ctx),
    h('h2', null, 'Events'),
    table('Events, newest first', ['ID', 'Programme', 'Status', 'Mod.', 'Start', 'Duration', 'Signals', 'Targets',
      'Actions'], rows, {id: 'events'}),
    programs.length ? evForm : h('p', null, 'Create a programme first to create events.'),
    detailBox);
}
