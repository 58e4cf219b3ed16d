// Console shell: token prompt, navigation between views, errors.
import {api, token, onUnauthorized, Unauthorized} from './api.js';
import {clear, notify} from './dom.js';
import * as events from './events.js';
import * as vens from './vens.js';
import * as queues from './queues.js';
import * as telemetry from './telemetry.js';
import * as conformance from './conformance.js';

const VIEWS = {events, vens, queues, telemetry, conformance};
const $ = id => document.getElementById(id);

function showLogin(message) {
  $('main').hidden = true;
  $('nav').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  $('token').value = '';
  $('token').focus();
}

function showConsole() {
  $('login').hidden = true;
  $('nav').hidden = false;
  $('main').hidden = false;
  render();
}

function current() {
  const name = location.hash.replace(/^#/, '');
  return Object.prototype.hasOwnProperty.call(VIEWS, name) ? name : 'events';
}

let generation = 0;
async function render() {
  const name = current();
  const mine = ++generation;
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.view === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const view = clear($('view'));
  view.dataset.view = name;
  view.setAttribute('aria-busy', 'true');
  notify('');
  try {
    await VIEWS[name].render(view, {refresh: () => mine === generation && render()});
  } catch (e) {
    if (!(e instanceof Unauthorized)) notify(e.message, true);
  } finally {
    view.removeAttribute('aria-busy');
  }
}

onUnauthorized(() => showLogin('The admin API refused the token (401). Enter the admin token.'));

$('login-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  token.set($('token').value.trim());
  try {
    await api('GET', '/programs');
    showConsole();
  } catch (e) {
    if (!(e instanceof Unauthorized)) showLogin('Cannot reach the admin API: ' + e.message);
  }
});

$('signout').addEventListener('click', () => {
  token.clear();
  showLogin('Signed out.');
});

window.addEventListener('hashchange', () => {
  if (token.get()) render();
});

if (token.get()) showConsole();
else showLogin('');
