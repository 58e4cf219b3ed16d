// VENs (OpenADR 2.0b registrations), enrolment (participants) and IEEE 2030.5 EndDevices.
import {api, enc, guarded} from './api.js';
import {h, table, list, notify} from './dom.js';

function action(label, aria, call, ctx, done) {
  return h('button', {type: 'button', 'aria-label': aria, onclick: async () => {
    if (await guarded(call)) {
      await ctx.refresh();
      notify(done);
    }
  }}, label);
}

export async function render(root, ctx) {
  const [vens, participants, devices] = await Promise.all([
    api('GET', '/vens'), api('GET', '/participants'), api('GET', '/sep/devices')]);
  root.append(
    h('h2', null, 'OpenADR 2.0b VENs'),
    table('Registered VENs', ['VEN ID', 'Name', 'State', 'Registered', 'Last contact', 'Exchange',
      'Poll frequency', 'Groups', 'Fingerprint', 'Actions'], vens.map(v => [v.venId, v.venName,
      v.active ? 'registered' : 'cancelled', v.registeredAt, v.lastContactAt || 'never',
      v.exchangeModel || (v.httpPullModel ? 'pull' : 'push'), v.pollFreq, list(v.groupIds),
      h('code', null, v.fingerprint), v.active ? h('span', {class: 'actions'},
        action('Re-register', `Request re-registration of ${v.venId}`,
          () => api('POST', `/vens/${enc(v.venId)}/reregister`), ctx, `Re-registration of ${v.venId} requested.`),
        action('Deregister', `Deregister ${v.venId}`,
          () => api('DELETE', `/vens/${enc(v.venId)}`), ctx, `${v.venId} deregistered.`)) : '']),
    {id: 'vens'}),
    h('p', {class: 'hint'}, 'Last contact: the VEN\'s last poll or other request, recorded at most once a minute.'),
    h('h2', null, 'Enrolment'),
    table('Participants (both protocols)', ['ID', 'Protocol', 'State', 'Label', 'Changed', 'Actions'],
      participants.map(p => [h('code', null, p.id), p.protocol, p.state, p.label, p.changedAt,
        h('span', {class: 'actions'},
          p.state !== 'approved' ? action('Approve', `Approve ${p.id}`,
            () => api('POST', `/participants/${enc(p.id)}/approve`), ctx, `${p.id} approved.`) : '',
          p.state !== 'revoked' ? action('Refuse', `Refuse (revoke) ${p.id}`,
            () => api('POST', `/participants/${enc(p.id)}/revoke`), ctx, `${p.id} refused.`) : '')]),
      {id: 'participants'}),
    h('h2', null, 'IEEE 2030.5 EndDevices'),
    table('EndDevices', ['LFDI', 'SFDI', 'Registered', 'PIN', 'Registered at', 'Last contact', 'Groups',
      'Subscriptions'], devices.map(d => [h('code', null, d.lfdi), String(d.sfdi), d.registered ? 'yes' : 'no',
      d.pin, d.registeredAt, d.lastSeen || 'never', list(d.groupIds), String(d.subscriptions)]),
    {id: 'sep-devices'}));
}
