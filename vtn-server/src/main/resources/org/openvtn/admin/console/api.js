// The admin API (/api/v1) with the operator's bearer token, kept in this tab's sessionStorage.
import {notify} from './dom.js';

const KEY = 'openvtn.adminToken';
const BASE = new URL('../api/v1', document.baseURI).pathname;

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: t => sessionStorage.setItem(KEY, t),
  clear: () => sessionStorage.removeItem(KEY),
};

/** The API refused the token: the console goes back to the token prompt. */
export class Unauthorized extends Error {}

/** Any other refusal, with the API's error body {error, field, code}. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? `${body.error}${body.field ? ' (' + body.field + ')' : ''}` : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

let unauthorized = () => {};
export function onUnauthorized(f) {
  unauthorized = f;
}

export async function api(method, path, body) {
  const headers = {Accept: 'application/json', Authorization: 'Bearer ' + (token.get() || '')};
  const init = {method, headers, cache: 'no-store', credentials: 'omit', redirect: 'error'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const r = await fetch(BASE + path, init);
  const text = await r.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (r.status === 401) {
    token.clear();
    unauthorized();
    throw new Unauthorized('the admin API refused the token');
  }
  if (!r.ok) throw new ApiError(r.status, json);
  return json;
}

export const enc = encodeURIComponent;

/** Runs an API call, showing a refusal in the status line; null when it failed. */
export async function guarded(call) {
  try {
    return await call();
  } catch (e) {
    if (!(e instanceof Unauthorized)) notify(e.message, true);
    return null;
  }
}
