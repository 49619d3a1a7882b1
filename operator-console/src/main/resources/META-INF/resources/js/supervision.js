// A supervisor's view: the load of every queue and of every operator, open cases only.
import { api } from './api.js';
import { h, show } from './dom.js';
import { t } from './i18n.js';

function table(id, caption, headings, rows) {
  return h('table', { 'aria-labelledby': id },
    h('caption', { className: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, headings.map((name) => h('th', { scope: 'col' }, name)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell))))));
}

export async function supervisionView() {
  const [{ queues }, { operators }] = await Promise.all([api.queues(), api.operators()]);
  show(
    h('h1', { tabindex: '-1' }, t('supervision')),
    h('h2', { id: 'queue-load' }, t('queueLoad')),
    table('queue-load', t('queueLoad'), [t('queue'), t('open'), t('unassigned'), t('urgentCount'), t('overdueCount')],
      queues.map((q) => [q.queue, q.open, q.unassigned, q.urgent, q.overdue])),
    h('h2', { id: 'operator-load' }, t('operatorLoad')),
    operators.length ? table('operator-load', t('operatorLoad'), [t('operator'), t('open'), t('urgentCount'), t('overdueCount')],
      operators.map((o) => [o.assignee, o.open, o.urgent, o.overdue])) : h('p', {}, t('noOperatorLoad')));
}
