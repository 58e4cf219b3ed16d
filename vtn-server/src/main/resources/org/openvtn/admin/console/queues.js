// Queues as the admin API exposes them: 2.0b poll queues and push outboxes (totals and per VEN), 2030.5 notification delivery.
import {api, enc} from './api.js';
import {h, table} from './dom.js';

function pairs(caption, id, rows) {
  return h('table', {id, class: 'pairs'}, h('caption', null, caption),
    h('tbody', null, rows.map(([k, v]) => h('tr', null, h('th', {scope: 'row'}, k), h('td', null, String(v))))));
}

export async function render(root) {
  const [m, vens, delivery, subs] = await Promise.all([api('GET', '/metrics'), api('GET', '/vens'),
    api('GET', '/sep/delivery'), api('GET', '/sep/subscriptions')]);
  const push = vens.filter(v => v.outbox);
  const active = vens.filter(v => v.active).slice(0, 200);
  const polls = (await Promise.all(active.map(v => api('GET', `/vens/${enc(v.venId)}/poll-queue`))))
    .flatMap((items, i) => items.map(p => [active[i].venId, String(p.seq), p.kind, p.reference, p.queuedAt,
      p.sentAt || 'not yet', String(p.deliveries)]));
  root.append(
    h('h2', null, 'OpenADR 2.0b'),
    pairs('Polls and push outbox totals', 'oadr-queues', [['oadrPoll requests answered', m.oadrPolls],
      ['Push messages waiting', m.pushQueued], ['Push attempts', m.pushAttempts],
      ['Push failures', m.pushFailures], ['Push messages delivered', m.pushDelivered],
      ['VENs unreachable by push', m.pushUnreachableVens]]),
    table('Push outbox per VEN', ['VEN', 'Waiting', 'Attempts', 'Next attempt', 'Last error', 'Unreachable',
      'Delivered'], push.map(v => [v.venId, String(v.outbox.queued), String(v.outbox.attempts),
      v.outbox.nextAttemptAt, v.outbox.lastError, v.outbox.unreachable ? 'yes' : 'no', String(v.outbox.delivered)]),
    {id: 'push-outbox'}),
    table('Poll queues (items waiting for the VEN\'s next oadrPoll)', ['VEN', 'Seq', 'Kind', 'Reference', 'Queued',
      'Last sent', 'Deliveries'], polls, {id: 'poll-queues'}),
    h('h2', null, 'IEEE 2030.5 notifications'),
    pairs('Notification delivery', 'sep-delivery', [['Subscriptions', delivery.subscriptions],
      ['Notifications pending', delivery.pending], ['Delivered', delivery.delivered], ['Dropped', delivery.dropped]]),
    table('Subscriptions', ['ID', 'EndDevice', 'Resource', 'Notification URI', 'Pending', 'Delivered', 'Dropped'],
      subs.map(s => [String(s.id), String(s.endDeviceId), s.subscribedResource, s.notificationURI,
        String(s.pending), String(s.delivered), String(s.dropped)]), {id: 'sep-subscriptions'}),
    h('h2', null, 'Process'),
    pairs('JVM', 'jvm', [['Uptime (s)', Math.round(m.uptimeMillis / 1000)], ['Threads', m.threads],
      ['Heap used (MiB)', (m.heapUsedBytes / 1048576).toFixed(1)], ['GC count', m.gcCount],
      ['Stale CRLs', m.crlStale]]));
}
