// One case: its facts and SLA, the actions the caller may take, and its whole cross-channel timeline in one column
// (contacts with the routing decision and its reasons, notes, status changes), oldest first.
import { api } from './api.js';
import { user } from './auth.js';
import { countdown } from './due.js';
import { announce, h, safeHref, show } from './dom.js';
import { language, statusName, t, when } from './i18n.js';
import { placeOf } from './map.js';

/** The taxonomy's areas, for correcting a case's category: read once. */
let areas;

function contactItem(k) {
  const links = (k.attachments || []).map((a, i) => [safeHref(a.url), a, i]).filter(([href]) => href);
  const place = k.location;
  return h('li', { className: 'contact' },
    h('h3', { className: 'when' }, t('contact', k.channel), ' · ', h('time', { datetime: k.occurredAt }, when(k.occurredAt)),
      k.urgent ? [' ', h('span', { className: 'badge urgent' }, t('urgent'))] : null),
    k.subject ? h('p', {}, h('strong', {}, k.subject)) : null,
    h('p', { className: 'text', lang: k.language || null }, k.text),
    h('dl', { className: 'facts' },
      k.language ? [h('dt', {}, t('language')), h('dd', {}, k.language)] : null,
      links.length ? [h('dt', {}, t('attachments')), h('dd', {}, links.map(([href, a, i]) => [
        h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, `${t('attachment', i + 1)} (${a.mediaType || '?'})`), ' ']))] : null,
      place ? [h('dt', {}, t('place')), h('dd', { className: 'place' }, placeOf(place))] : null,
      k.routing ? [h('dt', {}, t('routing')), h('dd', {},
        `${k.routing.category} → ${k.routing.queue} (${t('confidence')} ${Math.round(k.routing.confidence * 100)}%, ${k.routing.classifierVersion})`,
        k.routing.reasons?.length ? h('ul', { 'aria-label': t('reasons') }, k.routing.reasons.map((r) => h('li', {}, r))) : null)] : null));
}

function noteItem(n) {
  return h('li', { className: 'note' },
    h('h3', { className: 'when' }, t('note', n.author), ' · ', h('time', { datetime: n.createdAt }, when(n.createdAt))),
    h('p', { className: 'text' }, n.text));
}

function statusItem(s) {
  return h('li', { className: 'status' },
    h('h3', { className: 'when' }, t('statusChange', s.actor), ' · ', h('time', { datetime: s.changedAt }, when(s.changedAt))),
    h('p', {}, `${statusName(s.from)} → ${statusName(s.to)}`));
}

/**
 * A reply with what its channel told of it (sent, delivered, read, failed), a notice Ascolto sent by itself (the receipt,
 * waiting for the citizen, resolved), or a callback task for a call.
 */
function replyItem(r) {
  const last = r.statuses?.[r.statuses.length - 1];
  const title = r.callback ? t('callback', r.author) : r.notice ? t('notice', r.notice, r.channel) : t('replyBy', r.author, r.channel);
  return h('li', { className: 'reply' },
    h('h3', { className: 'when' }, title, ' · ',
      h('time', { datetime: r.createdAt }, when(r.createdAt))),
    h('p', { className: 'text' }, r.text),
    r.callback ? null : h('p', { className: 'muted' }, t('delivery'), ' ',
      r.status ? deliveryName(r.status, last) : t('deliveryPending')));
}

function deliveryName(status, last) {
  const name = t('deliveries')[status] || status;
  return status === 'failed' && last?.errorCode ? `${name} (${t('errorCode')} ${last.errorCode})` : name;
}

function timeline(c) {
  const items = [
    ...c.contacts.map((k) => [k.occurredAt, contactItem(k)]),
    ...c.notes.map((n) => [n.createdAt, noteItem(n)]),
    ...(c.replies || []).map((r) => [r.createdAt, replyItem(r)]),
    ...c.statusChanges.map((s) => [s.changedAt, statusItem(s)]),
  ].sort(([a], [b]) => new Date(a) - new Date(b));
  return h('ol', { className: 'timeline' }, items.map(([, item]) => item));
}

/** A form whose submit runs an action on the case and shows the case again, or the API's problem. */
function actionForm(title, fields, submitLabel, act) {
  const error = h('p', { className: 'error', role: 'alert', hidden: true });
  const form = h('form', { 'aria-label': title }, fields, h('div', { className: 'row' }, h('button', { type: 'submit' }, submitLabel)), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await perform(() => act(new FormData(form)), error);
  });
  return form;
}

async function perform(act, error) {
  try {
    const changed = await act();
    render(changed);
    announce(t('done'));
  } catch (problem) {
    error.textContent = t('problem', problem.message);
    error.hidden = false;
  }
}

function actions(c) {
  const me = user();
  const supervisor = me.roles.includes('supervisor');
  const error = h('p', { className: 'error', role: 'alert', hidden: true });
  const moves = c.nextStatuses || [];
  return h('section', { className: 'panel actions', 'aria-labelledby': 'actions-title' },
    h('h2', { id: 'actions-title' }, t('actions')),
    error,
    c.assignee !== me.name ? h('div', { className: 'group' },
      h('button', { type: 'button', onclick: () => perform(() => api.assign(c.id, me.name), error) }, t('take'))) : null,
    supervisor ? actionForm(t('assign'), [h('label', { for: 'assignee' }, t('assignTo')),
      h('input', { id: 'assignee', name: 'assignee', required: true, maxlength: 128, autocomplete: 'off' })],
    t('assign'), (data) => api.assign(c.id, data.get('assignee').trim())) : null,
    h('div', { className: 'group', role: 'group', 'aria-labelledby': 'moves-title' },
      h('p', { id: 'moves-title' }, h('strong', {}, t('moveTo'))),
      moves.length ? h('div', { className: 'row' }, moves.map((s) => h('button', {
        type: 'button', className: 'secondary', 'data-status': s, onclick: () => perform(() => api.move(c.id, s), error),
      }, statusName(s)))) : h('p', {}, t('noMoves'))),
    actionForm(t('addNote'), [h('label', { for: 'note' }, t('noteText')),
      h('textarea', { id: 'note', name: 'text', required: true, maxlength: 10000 })],
    t('saveNote'), (data) => api.note(c.id, data.get('text'))),
    actionForm(t('requeueTitle'), [
      h('label', { for: 'new-queue' }, t('newQueue')),
      h('input', { id: 'new-queue', name: 'queue', required: true, maxlength: 64, autocomplete: 'off' }),
      h('label', { for: 'requeue-reason' }, t('reason')),
      h('textarea', { id: 'requeue-reason', name: 'reason', required: true, maxlength: 2000 })],
    t('requeue'), (data) => api.requeue(c.id, data.get('queue').trim(), data.get('reason'))),
    actionForm(t('correctCategory'), [h('label', { for: 'new-category' }, t('rightCategory')),
      h('select', { id: 'new-category', name: 'category', required: true }, areas.filter((a) => a.id !== c.category)
        .map((a) => h('option', { value: a.id }, language === 'en' ? a.nameEn : a.nameIt)))],
    t('correctCategory'), (data) => api.correctCategory(c.id, data.get('category'))),
    replyForm(c));
}

/** The answer to the citizen, on the channel of their latest contact; the case service says when that channel takes none. */
function replyForm(c) {
  const key = crypto.randomUUID();
  return actionForm(t('reply'), [h('label', { for: 'reply-text' }, t('replyText')),
    h('textarea', { id: 'reply-text', name: 'text', required: true, maxlength: 4096, 'aria-describedby': 'reply-how' }),
    h('p', { id: 'reply-how', className: 'muted' }, t('replyHow'))],
  t('sendReply'), (data) => api.reply(c.id, data.get('text'), key));
}

function render(c) {
  show(
    h('p', {}, h('a', { href: '#/lavoro' }, `← ${t('back')}`)),
    h('h1', { tabindex: '-1' }, `${c.reference} · ${statusName(c.status)}`),
    h('div', { className: 'case' },
      h('div', {},
        h('section', { className: 'panel', 'aria-labelledby': 'details-title' },
          h('h2', { id: 'details-title' }, t('details')),
          h('dl', { className: 'facts' },
            h('dt', {}, t('status')), h('dd', { id: 'case-status' }, statusName(c.status)),
            h('dt', {}, t('priority')), h('dd', {}, c.priority === 'URGENT' ? h('span', { className: 'badge urgent' }, t('urgent')) : t('normal')),
            h('dt', {}, t('category')), h('dd', {}, c.category),
            h('dt', {}, t('queue')), h('dd', {}, c.queue),
            h('dt', {}, t('assignee')), h('dd', { id: 'case-assignee' }, c.assignee || t('nobody')),
            h('dt', {}, t('opened')), h('dd', {}, when(c.openedAt)),
            h('dt', {}, t('sla')), h('dd', {}, countdown(c.slaDueAt, c.status)),
            h('dt', {}, t('contacts')), h('dd', {}, c.contactCount))),
        h('h2', {}, t('timeline')),
        timeline(c)),
      actions(c)));
}

export async function caseView(id) {
  const [c, categories] = await Promise.all([api.case(id), areas ? { categories: areas } : api.categories()]);
  areas = categories.categories;
  render(c);
}
