// "Il mio lavoro": the operator's queues with their counts, then their open cases urgent first and by SLA due time,
// filtered as the API allows, a page at a time (the API's cursor).
import { api } from './api.js';
import { user } from './auth.js';
import { countdown } from './due.js';
import { announce, h, show } from './dom.js';
import { statusName, t } from './i18n.js';

const OPEN = ['NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_CITIZEN'];
const CHANNELS = ['web', 'whatsapp', 'facebook', 'instagram', 'phone', 'open311', 'email'];

function option(value, label, selected) {
  return h('option', { value, selected: value === selected }, label);
}

function select(id, label, options) {
  return h('div', {}, h('label', { for: id }, label), h('select', { id, name: id }, options));
}

function queueCards(queues, filters) {
  return h('ul', { className: 'queues' }, queues.map((q) => h('li', {},
    h('button', {
      type: 'button', 'aria-pressed': String(filters.queue === q.queue),
      onclick: () => { location.hash = `#/lavoro?${new URLSearchParams({ ...filters, queue: filters.queue === q.queue ? '' : q.queue })}`; },
    },
    h('span', { className: 'name' }, q.queue),
    `${q.open} ${t('open')} · ${q.unassigned} ${t('unassigned')}`, h('br'),
    h('span', { className: q.urgent ? 'badge urgent' : '' }, `${q.urgent} ${t('urgentCount')}`), ' · ',
    h('span', { className: q.overdue ? 'due overdue' : '' }, `${q.overdue} ${t('overdueCount')}`)))));
}

function filterForm(queues, filters) {
  const form = h('form', { className: 'filters', 'aria-label': t('filters') },
    select('queue', t('queue'), [option('', t('allQueues'), filters.queue), ...queues.map((q) => option(q.queue, q.queue, filters.queue))]),
    select('status', t('status'), [option('', t('allOpen'), filters.status), ...OPEN.map((s) => option(s, statusName(s), filters.status))]),
    select('urgent', t('urgency'), [option('', t('any'), filters.urgent), option('true', t('urgentOnly'), filters.urgent),
      option('false', t('normalOnly'), filters.urgent)]),
    select('channel', t('channel'), [option('', t('allChannels'), filters.channel), ...CHANNELS.map((c) => option(c, c, filters.channel))]),
    h('label', { className: 'check' }, h('input', { type: 'checkbox', name: 'overdue', value: 'true', checked: filters.overdue === 'true' }),
      t('overdueOnly')),
    h('button', { type: 'submit' }, t('apply')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = Object.fromEntries(new FormData(form));
    location.hash = `#/lavoro?${new URLSearchParams(Object.entries(chosen).filter(([, v]) => v))}`;
  });
  return form;
}

function row(c, selectable) {
  return h('tr', { className: c.priority === 'URGENT' ? 'urgent' : '' },
    selectable ? h('td', {}, h('input', { type: 'checkbox', name: 'case', value: c.id, 'aria-label': t('select', c.reference) })) : null,
    h('td', {}, h('a', { href: `#/casi/${c.id}` }, c.reference)),
    h('td', {}, c.category),
    h('td', {}, c.queue),
    h('td', {}, statusName(c.status)),
    h('td', {}, c.priority === 'URGENT' ? h('span', { className: 'badge urgent' }, t('urgent')) : t('normal')),
    h('td', {}, c.assignee || h('span', { className: 'muted' }, t('nobody'))),
    h('td', {}, countdown(c.slaDueAt, c.status)));
}

function casesQuery(filters, cursor) {
  const query = new URLSearchParams({ order: 'due', limit: '50', status: filters.status || OPEN.join(',') });
  for (const name of ['queue', 'urgent', 'channel', 'overdue']) {
    if (filters[name]) {
      query.set(name, filters[name]);
    }
  }
  if (cursor) {
    query.set('cursor', cursor);
  }
  return query;
}

/** A supervisor's form that gives the cases ticked in the list to one operator. */
function reassignForm(body, filters) {
  const error = h('p', { className: 'error', role: 'alert', hidden: true });
  const form = h('form', { className: 'filters', 'aria-label': t('reassign') },
    h('div', {}, h('label', { for: 'bulk-assignee' }, t('reassignTo')),
      h('input', { id: 'bulk-assignee', name: 'assignee', required: true, maxlength: 128, autocomplete: 'off' })),
    h('button', { type: 'submit' }, t('reassign')), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ids = [...body.querySelectorAll('input[name=case]:checked')].map((box) => box.value);
    try {
      await api.assignAll(ids, new FormData(form).get('assignee').trim());
      await workView(filters);
      announce(t('done'));
    } catch (problem) {
      error.textContent = t('problem', ids.length ? problem.message : t('noneSelected'));
      error.hidden = false;
    }
  });
  return form;
}

export async function workView(filters) {
  const supervisor = user().roles.includes('supervisor');
  const [{ queues }, first] = await Promise.all([api.queues(), api.cases(casesQuery(filters))]);
  const toRow = (c) => row(c, supervisor);
  const body = h('tbody', {}, first.cases.map(toRow));
  const more = h('button', { type: 'button', className: 'secondary', hidden: !first.nextCursor }, t('more'));
  let cursor = first.nextCursor;
  more.addEventListener('click', async () => {
    const page = await api.cases(casesQuery(filters, cursor));
    body.append(...page.cases.map(toRow));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    announce(`${body.rows.length} ${t('cases')}`);
  });
  show(
    h('h1', { tabindex: '-1' }, t('myWork')),
    h('h2', {}, t('queues')),
    queueCards(queues, filters),
    filterForm(queues, filters),
    h('h2', { id: 'cases-title' }, t('cases')),
    first.cases.length === 0 ? h('p', {}, t('none')) : h('table', { 'aria-labelledby': 'cases-title' },
      h('caption', { className: 'visually-hidden' }, t('casesCaption')),
      h('thead', {}, h('tr', {}, [supervisor ? t('selection') : null, t('reference'), t('category'), t('queue'), t('status'),
        t('priority'), t('assignee'), t('due')].filter((name) => name).map((name) => h('th', { scope: 'col' }, name)))),
      body),
    h('p', {}, more),
    supervisor && first.cases.length ? reassignForm(body, filters) : null);
}
