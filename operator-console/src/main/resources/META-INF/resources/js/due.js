// The SLA countdown: time left, or how long overdue, in words as well as in colour; refreshed every half minute.
import { h } from './dom.js';
import { duration, t, when } from './i18n.js';

const SOON = 2 * 3600_000;
const CLOSED = new Set(['RESOLVED', 'CLOSED']);

function paint(element) {
  const due = element.dataset.due;
  if (!due) {
    element.textContent = t('noSla');
    return;
  }
  const left = new Date(due).getTime() - Date.now();
  const overdue = left < 0 && !CLOSED.has(element.dataset.status);
  element.className = `due${overdue ? ' overdue' : left < SOON && !CLOSED.has(element.dataset.status) ? ' soon' : ''}`;
  element.textContent = overdue ? t('overdueBy', duration(left)) : CLOSED.has(element.dataset.status) ? when(due) : t('dueIn', duration(left));
  element.title = when(due);
}

/** The countdown of a case's SLA due time. */
export function countdown(slaDueAt, status) {
  const element = h('span', { 'data-due': slaDueAt || '', 'data-status': status });
  paint(element);
  return element;
}

setInterval(() => document.querySelectorAll('span[data-due]').forEach(paint), 30_000);
