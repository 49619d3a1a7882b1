// The console's entry: the configuration, the login, then a view per address (#/lavoro, #/casi/{id}).
import { useApi } from './api.js';
import { signIn, signOut, start } from './auth.js';
import { caseView } from './case.js';
import { h, show } from './dom.js';
import { switchLanguage, t, translateShell } from './i18n.js';
import { workView } from './work.js';

function loginView(failed) {
  show(h('section', { className: 'login panel' },
    h('h1', { tabindex: '-1' }, t('loginTitle')),
    failed ? h('p', { className: 'error', role: 'alert' }, t('loginFailed')) : null,
    h('p', {}, t('loginText')),
    h('button', { type: 'button', id: 'login', onclick: signIn }, t('login'))));
}

async function route() {
  const [path, query] = (location.hash.slice(1) || '/lavoro').split('?');
  try {
    if (path.startsWith('/casi/')) {
      await caseView(decodeURIComponent(path.slice('/casi/'.length)));
    } else {
      await workView(Object.fromEntries(new URLSearchParams(query || '')));
    }
  } catch (problem) {
    show(h('h1', { tabindex: '-1' }, t('myWork')), h('p', { className: 'error', role: 'alert' }, t('problem', problem.message)));
  }
}

async function main() {
  translateShell();
  const language = document.getElementById('language');
  language.textContent = t('otherLanguage');
  language.setAttribute('aria-label', t('otherLanguageName'));
  language.addEventListener('click', switchLanguage);
  const config = await (await fetch('config.json')).json();
  useApi(config.caseApiUrl);
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
  const logout = document.getElementById('logout');
  logout.hidden = false;
  logout.addEventListener('click', signOut);
  window.addEventListener('hashchange', route);
  await route();
}

main();
