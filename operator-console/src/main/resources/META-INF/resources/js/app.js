// The console's entry: the configuration, the login, then a view per address (#/lavoro, #/casi/{id}).
import { api, useApi } from './api.js';
import { signIn, signOut, start } from './auth.js';
import { caseView } from './case.js';
import { announce, h, refreshInPlace, show } from './dom.js';
import { switchLanguage, t, translateShell } from './i18n.js';
import { useTiles } from './map.js';
import { supervisionView } from './supervision.js';
import { workView } from './work.js';

function loginView(failed) {
  show(h('section', { className: 'login panel' },
    h('h1', { tabindex: '-1' }, t('loginTitle')),
    failed ? h('p', { className: 'error', role: 'alert' }, t('loginFailed')) : null,
    h('p', {}, t('loginText')),
    h('button', { type: 'button', id: 'login', onclick: signIn }, t('login'))));
}

/** Where the operator is: a case (its id), or the work list (its filters). */
function place() {
  const [path, query] = (location.hash.slice(1) || '/lavoro').split('?');
  if (path === '/supervisione') {
    return { supervision: true };
  }
  return path.startsWith('/casi/') ? { caseId: decodeURIComponent(path.slice('/casi/'.length)) }
    : { filters: Object.fromEntries(new URLSearchParams(query || '')) };
}

async function route() {
  const { caseId, filters, supervision } = place();
  try {
    await (supervision ? supervisionView() : caseId ? caseView(caseId) : workView(filters));
  } catch (problem) {
    show(h('h1', { tabindex: '-1' }, t('myWork')), h('p', { className: 'error', role: 'alert' }, t('problem', problem.message)));
  }
}

let refreshing;

/**
 * A colleague's change, or a citizen's new contact, shows where the operator is looking (the work list, or that case)
 * without moving their focus; a case page where they are writing is left alone, and they are told it changed.
 */
function showChange(change, me) {
  if (change.actor === me.name) {
    return;
  }
  const shownCase = place().caseId;
  if (shownCase && shownCase !== change.caseId) {
    return;
  }
  if (shownCase && [...document.querySelectorAll('#main input, #main textarea')].some((field) => field.value)) {
    announce(t('changedElsewhere'));
    return;
  }
  clearTimeout(refreshing);
  refreshing = setTimeout(() => refreshInPlace(route), 300);
}

async function main() {
  translateShell();
  const language = document.getElementById('language');
  language.textContent = t('otherLanguage');
  language.setAttribute('aria-label', t('otherLanguageName'));
  language.addEventListener('click', switchLanguage);
  const config = await (await fetch('config.json')).json();
  useApi(config.caseApiUrl);
  useTiles(config);
  let me;
  try {
    me = await start(config);
  } catch {
    loginView(true);
    return;
  }
  if (!me) {
    loginView(false);
    return;
  }
  document.getElementById('user').textContent = me.name;
  document.getElementById('nav').hidden = false;
  document.getElementById('supervision').hidden = !me.roles.includes('supervisor');
  const logout = document.getElementById('logout');
  logout.hidden = false;
  logout.addEventListener('click', signOut);
  window.addEventListener('hashchange', route);
  await route();
  api.follow((change) => showChange(change, me));
}

main();
