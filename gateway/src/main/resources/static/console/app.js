// The console's shell: login, the header (customer selector, user, logout), the navigation and the hash router.
import { get, post } from './api.js';
import * as session from './session.js';
import { clear, errorBox, field, h } from './ui.js';

const routes = [
  ['/dashboard', () => import('./views/dashboard.js'), 'render'],
  ['/agents', () => import('./views/agents.js'), 'render'],
  ['/pipelines', () => import('./views/pipelines.js'), 'list'],
  ['/pipelines/new', () => import('./views/pipelines.js'), 'create'],
  ['/pipelines/:id', () => import('./views/pipelines.js'), 'detail'],
  ['/pipelines/:id/edit', () => import('./views/pipelines.js'), 'edit'],
  ['/executions/:id', () => import('./views/executions.js'), 'render'],
  ['/releases', () => import('./views/releases.js'), 'list'],
  ['/releases/new', () => import('./views/releases.js'), 'create'],
  ['/releases/:id', () => import('./views/releases.js'), 'detail'],
  ['/services', () => import('./views/services.js'), 'list'],
  ['/services/new', () => import('./views/services.js'), 'create'],
  ['/services/:id', () => import('./views/services.js'), 'detail'],
  ['/members', () => import('./views/members.js'), 'render'],
  ['/usage', () => import('./views/usage.js'), 'render'],
  ['/customers', () => import('./views/customers.js'), 'list'],
  ['/customers/new', () => import('./views/customers.js'), 'create'],
  ['/customers/:id', () => import('./views/customers.js'), 'detail'],
];

const main = document.getElementById('main');
let leaving = new AbortController();
let endedBecause = null;

function match(path) {
  for (const [pattern, load, name] of routes) {
    const names = [];
    const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, n) => { names.push(n); return '([^/]+)'; })}$`);
    const found = path.match(regex);
    if (found) return { load, name, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1])])) };
  }
  return null;
}

function home(current) {
  return current.tenant_id ? '#/dashboard' : '#/customers';
}

async function show() {
  leaving.abort();
  leaving = new AbortController();
  const current = session.current();
  if (!current) {
    renderLogin();
    return;
  }
  const path = location.hash.replace(/^#/, '') || '';
  const route = match(path);
  if (!route) {
    location.replace(home(current));
    return;
  }
  highlight(path);
  document.getElementById('nav').classList.add('collapsed');
  document.getElementById('nav-toggle').setAttribute('aria-expanded', 'false');
  const signal = leaving.signal;
  clear(main, h('p.muted', 'Loading…'));
  try {
    const view = await route.load();
    if (signal.aborted) return;
    await view[route.name](main, context(route.params, signal));
    main.querySelector('h1')?.focus({ preventScroll: true });
  } catch (error) {
    if (signal.aborted || error.name === 'AbortError') return;
    if (!session.current()) return; // the session ended meanwhile: the login is shown
    clear(main, errorBox(error));
  }
}

function context(params, signal) {
  const current = session.current();
  return {
    session: current,
    params,
    signal,
    navigate: (hash) => { location.hash = hash; },
    /** fn every ms until the view is left; the first call after ms */
    every(ms, fn) {
      const timer = setInterval(() => { if (!signal.aborted) fn(); }, ms);
      signal.addEventListener('abort', () => clearInterval(timer));
    },
  };
}

function highlight(path) {
  const section = path.split('/')[1];
  for (const a of document.querySelectorAll('nav a')) {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function renderLogin() {
  document.getElementById('top').hidden = true;
  document.getElementById('nav').hidden = true;
  const errors = h('div');
  if (endedBecause === 'expired') {
    errors.append(h('div.alert.info', { role: 'status' }, 'Your session has expired. Log in again to continue.'));
  } else if (endedBecause === 'logout') {
    errors.append(h('div.alert.info', { role: 'status' }, 'You have logged out.'));
  }
  const form = h('form', { novalidate: true },
    field('Email', 'input', { name: 'email', type: 'email', autocomplete: 'username', required: true }),
    field('Password', 'input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    h('button.primary', { type: 'submit' }, 'Log in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    errors.replaceChildren();
    try {
      const token = await post('/auth/token', {
        email: form.elements.email.value.trim(), password: form.elements.password.value,
      }, { anonymous: true });
      session.start(token, { email: form.elements.email.value.trim() });
      const me = await get('/users/me');
      const current = session.start(token, me);
      endedBecause = null;
      await enter(current);
    } catch (error) {
      errors.replaceChildren(errorBox(error));
    } finally {
      button.disabled = false;
    }
  });
  clear(main, h('section.login', { 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, h('img', { src: '/console/cygnet.svg', alt: '', width: 32, height: 32 }), 'CygnetCI'),
    errors, form));
  form.elements.email.focus();
}

async function enter(current) {
  await renderHeader(current);
  const target = location.hash && match(location.hash.slice(1)) ? location.hash : home(current);
  if (location.hash === target) await show();
  else location.hash = target;
}

async function renderHeader(current) {
  document.getElementById('top').hidden = false;
  document.getElementById('nav').hidden = false;
  document.getElementById('user-email').textContent = current.user?.email ?? '';
  for (const link of document.querySelectorAll('nav a')) {
    const needed = link.parentElement.dataset.requires;
    const customers = link.dataset.section === 'customers';
    link.parentElement.hidden = !(customers ? session.roles.platformAdmin(current) : current.tenant_id)
      || (needed === 'tenant_admin' && !session.roles.tenantAdmin(current));
  }
  const select = document.getElementById('customer-select');
  clear(select, h('option', { value: current.tenant_id ?? '' }, current.tenant_slug ?? 'Platform (no customer)'));
  try {
    const tenants = await get(`/users/${current.user.id}/tenants`);
    const options = tenants.items.map((t) => h('option', {
      value: t.tenant_id, disabled: !t.active, selected: t.tenant_id === current.tenant_id,
    }, `${t.display_name}${t.active ? '' : ' (deactivated)'}${t.is_default ? ' · default' : ''}`));
    if (!current.tenant_id) options.unshift(h('option', { value: '', selected: true }, 'Platform (no customer)'));
    clear(select, options);
  } catch (error) {
    // the header keeps the current customer; the page shows its own errors
  }
}

async function switchCustomer(tenantId) {
  const current = session.current();
  if (!current || !tenantId || tenantId === current.tenant_id) return;
  const select = document.getElementById('customer-select');
  select.disabled = true;
  try {
    const token = await post(`/tenants/${tenantId}/switch`);
    const next = session.start(token, current.user);
    await renderHeader(next);
    // every view is read again for the new customer; a page of one object goes back to its list
    const section = (location.hash.replace(/^#/, '').split('/')[1]) || 'dashboard';
    const target = `#/${section === 'executions' ? 'pipelines' : section}`;
    if (location.hash === target) await show();
    else location.hash = target;
  } catch (error) {
    clear(main, errorBox(error));
    select.value = current.tenant_id ?? '';
  } finally {
    select.disabled = false;
  }
}

document.getElementById('customer-select').addEventListener('change', (event) => switchCustomer(event.target.value));
document.getElementById('logout').addEventListener('click', () => session.end('logout'));
document.getElementById('nav-toggle').addEventListener('click', (event) => {
  const nav = document.getElementById('nav');
  const collapsed = nav.classList.toggle('collapsed');
  event.currentTarget.setAttribute('aria-expanded', String(!collapsed));
});
session.onEnd((reason) => {
  endedBecause = reason;
  leaving.abort();
  renderLogin();
});
window.addEventListener('hashchange', show);

const existing = session.current();
if (existing) {
  session.watchExpiry(existing);
  renderHeader(existing).then(show);
} else {
  show();
}
