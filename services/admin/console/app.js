// The console's shell: asks for the token, routes #/view/... to a view module, and turns a
// refused token into the token form again. Views render into a fresh element each time, so a
// slow answer for a view the operator already left never lands on the page.

import { ApiError, getJson, token, TokenRefused } from './api.js';
import { fill, h, problemBox } from './dom.js';
import * as cdc from './cdc.js';
import * as deadLetters from './dead-letters.js';
import * as groups from './groups.js';
import * as saga from './saga.js';
import * as topics from './topics.js';

const VIEWS = { topics, groups, 'dead-letters': deadLetters, cdc, saga };
const DEFAULT_HASH = '#/topics';

const loginSection = document.getElementById('login');
const loginForm = document.getElementById('login-form');
const tokenInput = document.getElementById('token-input');
const loginMessage = document.getElementById('login-message');
const nav = document.getElementById('nav');
const signOut = document.getElementById('sign-out');
const viewSection = document.getElementById('view');

function showLogin(message) {
  token.clear();
  nav.hidden = true;
  signOut.hidden = true;
  viewSection.hidden = true;
  viewSection.replaceChildren();
  loginSection.hidden = false;
  loginMessage.hidden = !message;
  loginMessage.textContent = message ?? '';
  tokenInput.value = '';
  tokenInput.focus();
  document.title = 'Token — operator console';
}

function showShell() {
  loginSection.hidden = true;
  loginMessage.hidden = true;
  nav.hidden = false;
  signOut.hidden = false;
  viewSection.hidden = false;
}

/** A 401 anywhere means the token is no good (any more): ask for one again. */
function refused(error) {
  const detail = error.problem?.detail ? `: ${error.problem.detail}` : '';
  showLogin(`The admin API refused this token (${error.status} ${error.problem?.title ?? ''})` +
    `${detail}. Enter the admin or read-only token.`);
}

async function submitToken(event) {
  event.preventDefault();
  const value = tokenInput.value.trim();
  tokenInput.value = '';
  if (!value) {
    showLogin('Enter the admin or read-only token.');
    return;
  }
  token.set(value);
  try {
    // Any cheap read both tokens may make tells whether the API takes this one.
    await getJson(['audit'], { limit: 1 });
  } catch (error) {
    if (error instanceof TokenRefused) return refused(error);
    // Another failure (a database down) says nothing about the token; the views will show it.
  }
  showShell();
  render();
}

function parseHash() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const [path, search = ''] = hash.split('?', 2);
  let parts;
  try {
    parts = path.split('/').filter((part) => part !== '').map(decodeURIComponent);
  } catch {
    parts = [];
  }
  const query = Object.fromEntries(new URLSearchParams(search));
  return { name: parts[0], params: parts.slice(1), query };
}

function markCurrent(name) {
  for (const link of nav.querySelectorAll('a')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function render() {
  if (!token.get()) return showLogin();
  const route = parseHash();
  const view = VIEWS[route.name];
  if (!view) {
    history.replaceState(null, '', DEFAULT_HASH);
    return render();
  }
  showShell();
  markCurrent(route.name);
  document.title = `${view.title} — operator console`;
  const root = h('div', { className: 'view', testid: `view-${route.name}` },
    h('p', { className: 'muted', testid: 'loading' }, 'Loading…'));
  fill(viewSection, root);
  const ctx = {
    root,
    params: route.params,
    query: route.query,
    reload: render,
    navigate(hash) {
      if (location.hash === hash) render();
      else location.hash = hash;
    },
    /** A problem box for an error the view shows in place; a refused token leaves the view. */
    problem(error) {
      if (error instanceof TokenRefused) {
        refused(error);
        return '';
      }
      if (!(error instanceof ApiError)) console.error(error);
      return problemBox(error);
    },
  };
  try {
    await view.render(ctx);
  } catch (error) {
    if (error instanceof TokenRefused) return refused(error);
    if (!(error instanceof ApiError)) console.error(error);
    fill(root, h('h1', {}, view.title), problemBox(error),
      h('button', { attrs: { type: 'button' }, on: { click: () => render() } }, 'Try again'));
  }
  return undefined;
}

loginForm.addEventListener('submit', submitToken);
signOut.addEventListener('click', () => showLogin('The token is forgotten.'));
window.addEventListener('hashchange', () => void render());
void render();
