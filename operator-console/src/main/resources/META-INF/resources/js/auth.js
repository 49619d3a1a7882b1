// Login with the city's identity provider: OIDC authorization code with PKCE (RFC 7636), by hand, for a public client.
// The tokens live in this tab's sessionStorage only, so a reload keeps the operator in and closing the tab forgets them.

const SESSION = 'ascolto.session';
const PENDING = 'ascolto.login';

let config;
let session = JSON.parse(sessionStorage.getItem(SESSION) || 'null');

const endpoint = (name) => `${config.identityUrl}/protocol/openid-connect/${name}`;
const redirectUri = () => `${location.origin}${location.pathname}`;

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function claims(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
  return JSON.parse(json);
}

function keep(tokens) {
  const access = claims(tokens.access_token);
  session = {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    idToken: tokens.id_token || session?.idToken,
    expiresAt: Date.now() + tokens.expires_in * 1000,
    user: {
      name: access.preferred_username,
      roles: access.realm_access?.roles || [],
      queues: [].concat(access.queues || []).sort(),
    },
  };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
}

async function tokenRequest(form) {
  const response = await fetch(endpoint('token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, ...form }),
  });
  if (!response.ok) {
    throw new Error(`token endpoint answered ${response.status}`);
  }
  keep(await response.json());
}

/** Reads the configuration and finishes a login coming back from the identity provider; the user, or null. */
export async function start(pageConfig) {
  config = pageConfig;
  const query = new URLSearchParams(location.search);
  if (query.has('code') || query.has('error')) {
    const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', redirectUri() + (pending?.hash || ''));
    if (!pending || query.get('state') !== pending.state || !query.has('code')) {
      throw new Error('the identity provider refused the login, or the answer is not to this tab\'s request');
    }
    await tokenRequest({
      grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(), code_verifier: pending.verifier,
    });
  }
  return session?.user || null;
}

/** Goes to the identity provider's login page; the page comes back where the operator was. */
export async function signIn() {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, hash: location.hash }));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  location.assign(`${endpoint('auth')}?${new URLSearchParams({
    client_id: config.clientId, response_type: 'code', scope: 'openid', redirect_uri: redirectUri(), state,
    code_challenge: challenge, code_challenge_method: 'S256', ui_locales: document.documentElement.lang,
  })}`);
}

/** Ends the session here and at the identity provider. */
export function signOut() {
  const idToken = session?.idToken;
  sessionStorage.removeItem(SESSION);
  session = null;
  const query = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: redirectUri() });
  if (idToken) {
    query.set('id_token_hint', idToken);
  }
  location.assign(`${endpoint('logout')}?${query}`);
}

/** A valid access token, refreshed when it is about to expire; null when the operator must log in again. */
export async function accessToken() {
  if (!session) {
    return null;
  }
  if (session.expiresAt - Date.now() < 30_000) {
    try {
      await tokenRequest({ grant_type: 'refresh_token', refresh_token: session.refreshToken });
    } catch {
      sessionStorage.removeItem(SESSION);
      session = null;
      return null;
    }
  }
  return session.accessToken;
}

export function user() {
  return session?.user || null;
}
