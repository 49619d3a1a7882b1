"use strict";
// Signs the analyst in with the city's identity provider: OpenID Connect authorization code flow with PKCE (RFC 7636)
// for a public client, tokens kept in this tab's sessionStorage only, refreshed before they expire.
const SignIn = (() => {
  const KEY = "ascolto.dashboard.";
  let provider;

  function base64url(bytes) {
    return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function random() {
    return base64url(crypto.getRandomValues(new Uint8Array(32)));
  }

  function endpoint(name) {
    return provider.issuer + "/protocol/openid-connect/" + name;
  }

  function here() {
    return location.origin + location.pathname;
  }

  async function redirectToProvider() {
    const verifier = random();
    const state = random();
    sessionStorage.setItem(KEY + "verifier", verifier);
    sessionStorage.setItem(KEY + "state", state);
    const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
    const query = new URLSearchParams({
      response_type: "code", client_id: provider.clientId, redirect_uri: here(), scope: "openid", state,
      code_challenge: challenge, code_challenge_method: "S256",
    });
    location.assign(endpoint("auth") + "?" + query);
    return new Promise(() => {}); // the page is leaving
  }

  async function requestTokens(form) {
    const response = await fetch(endpoint("token"), {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: provider.clientId, ...form }),
    });
    if (!response.ok) throw new Error("il fornitore di identità ha rifiutato l'accesso (" + response.status + ")");
    const tokens = await response.json();
    sessionStorage.setItem(KEY + "tokens", JSON.stringify({
      access_token: tokens.access_token, refresh_token: tokens.refresh_token, id_token: tokens.id_token,
      expires_at: Date.now() + tokens.expires_in * 1000,
    }));
  }

  /** Back from the provider with ?code=…&state=…: the code, with the verifier only this tab knows, buys the tokens. */
  async function completeRedirect(params) {
    const state = sessionStorage.getItem(KEY + "state");
    const verifier = sessionStorage.getItem(KEY + "verifier");
    sessionStorage.removeItem(KEY + "state");
    sessionStorage.removeItem(KEY + "verifier");
    history.replaceState(null, "", here());
    if (params.get("error")) throw new Error("accesso non riuscito: " + params.get("error"));
    if (!state || params.get("state") !== state) throw new Error("risposta di accesso inattesa: riprova");
    await requestTokens({ grant_type: "authorization_code", code: params.get("code"), redirect_uri: here(), code_verifier: verifier });
  }

  function stored() {
    return JSON.parse(sessionStorage.getItem(KEY + "tokens") || "null");
  }

  /** Starts: finishes a sign-in in progress, or keeps this tab's tokens, or leaves for the provider's sign-in page. */
  async function start(config) {
    provider = config;
    const params = new URLSearchParams(location.search);
    if (params.has("code") || params.has("error")) await completeRedirect(params);
    if (!stored()) await redirectToProvider();
  }

  /** A valid access token: refreshed when it expires within 30 s, a new sign-in when it cannot be. */
  async function accessToken() {
    const tokens = stored();
    if (tokens && tokens.expires_at - Date.now() > 30000) return tokens.access_token;
    if (tokens && tokens.refresh_token) {
      try {
        await requestTokens({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
        return stored().access_token;
      } catch (e) {
        // the session ended at the provider: sign in again
      }
    }
    return restart();
  }

  function restart() {
    sessionStorage.removeItem(KEY + "tokens");
    return redirectToProvider();
  }

  function signOut() {
    const tokens = stored() || {};
    sessionStorage.removeItem(KEY + "tokens");
    const query = new URLSearchParams({ client_id: provider.clientId, post_logout_redirect_uri: here() });
    if (tokens.id_token) query.set("id_token_hint", tokens.id_token);
    location.assign(endpoint("logout") + "?" + query);
  }

  return { start, accessToken, restart, signOut };
})();
