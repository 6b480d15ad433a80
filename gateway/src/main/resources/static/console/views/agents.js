import { del, get, post } from '../api.js';
import { filterForm, pagedTable } from '../paged.js';
import { roles } from '../session.js';
import { act, badge, clear, emptyState, field, h, pageHeader, select, time, toast } from '../ui.js';

const STATUSES = [['', 'All statuses'], ['online', 'Online'], ['offline', 'Offline'], ['never_connected', 'Never connected'],
  ['stale', 'Stale'], ['disabled', 'Disabled']];

function load(value) {
  return value === undefined || value === null ? '—' : `${Math.round(value)} %`;
}

export async function render(main, ctx) {
  const admin = roles.tenantAdmin(ctx.session);
  const filters = filterForm('Filter', ['Status', select('status', STATUSES, '', { id: 'agent-status' })],
    ['Name or host', h('input', { id: 'agent-q', name: 'q', type: 'search' })]);

  const tokenPlace = h('div');
  const agents = pagedTable({
    caption: 'Agents',
    headers: ['Name', 'Status', 'CPU', 'Memory', 'Last seen', 'Labels', admin ? 'Actions' : null].filter(Boolean),
    load: (cursor) => get('/agents', {
      limit: 25, cursor, status: filters.elements.status.value, q: filters.elements.q.value.trim(),
    }, { signal: ctx.signal }),
    row: (agent) => h('tr', { dataset: { id: agent.id } },
      h('td', h('strong', agent.name), h('div.muted', agent.hostname ?? '')),
      h('td', badge(agent.status)),
      h('td', load(agent.load?.cpu_percent)),
      h('td', load(agent.load?.memory_percent)),
      h('td', time(agent.last_seen_at)),
      h('td', (agent.labels ?? []).map((label) => h('code', label, ' '))),
      admin ? h('td', h('div.actions', agent.disabled
        ? h('button', { type: 'button', onclick: (e) => toggle(e.currentTarget, agent, 'enable') }, 'Enable')
        : h('button.danger', { type: 'button', onclick: (e) => toggle(e.currentTarget, agent, 'disable') }, 'Disable'))) : null),
    empty: emptyState(admin
      ? 'No agents yet. Create a registration token, then start a runner on your machine with it.'
      : 'No agents yet. A tenant admin creates a registration token for a runner.'),
  });

  async function toggle(button, agent, action) {
    await act(button, errorPlace, async () => {
      await post(`/agents/${agent.id}/${action}`);
      toast(`Agent ${agent.name} ${action}d`);
      await agents.reload();
    });
  }

  const errorPlace = h('div');
  filters.addEventListener('submit', (event) => { event.preventDefault(); agents.reload(); });

  const newToken = admin ? h('button.primary', { type: 'button', onclick: () => tokenForm(tokenPlace, tokens) },
    'New registration token') : null;
  const tokens = admin ? registrationTokens(ctx) : null;
  clear(main, pageHeader('Agents', newToken), tokenPlace, errorPlace, filters, agents.element,
    admin ? h('h2', 'Registration tokens') : null, admin ? tokens.element : null);
  await agents.reload();
  if (tokens) await tokens.reload();
}

function tokenForm(place, tokens) {
  const errors = h('div');
  const form = h('form.panel', { 'aria-label': 'New registration token' },
    field('Description', 'input', { name: 'description', required: true, maxlength: 200, placeholder: 'Build machines in eu-west' }),
    errors,
    h('div.form-actions', h('button.primary', { type: 'submit' }, 'Create token'),
      h('button', { type: 'button', onclick: () => place.replaceChildren() }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await act(form.querySelector('button[type=submit]'), errors, async () => {
      const created = await post('/agent-tokens', { description: form.elements.description.value.trim() });
      const secret = h('code', { id: 'registration-secret' }, created.token);
      const copy = h('button', { type: 'button' }, 'Copy');
      copy.addEventListener('click', async () => {
        try {
          await navigator.clipboard.writeText(created.token);
          toast('Copied');
        } catch {
          getSelection().selectAllChildren(secret);
          toast('Selected: press Ctrl+C to copy');
        }
      });
      clear(place, h('div.alert.info', { role: 'status' },
        h('p', h('strong', 'Registration token created. '), 'Copy it now: it is shown only once.'),
        h('div.secret', secret, copy),
        h('p', 'Start a runner with it: ', h('code', `java -jar runner.jar --server-url=${location.origin} --token=<this token> --name=<agent name>`)),
        h('button', { type: 'button', onclick: () => place.replaceChildren() }, 'Done')));
      await tokens.reload();
    });
  });
  clear(place, form);
  form.elements.description.focus();
}

function registrationTokens(ctx) {
  const errors = h('div');
  const list = pagedTable({
    caption: 'Registration tokens',
    headers: ['Description', 'Starts with', 'Status', 'Registrations', 'Created', 'Actions'],
    load: (cursor) => get('/agent-tokens', { limit: 25, cursor }, { signal: ctx.signal }),
    row: (token) => h('tr',
      h('td', token.description), h('td', h('code', token.token_prefix)), h('td', badge(token.status)),
      h('td', String(token.registrations ?? 0)), h('td', time(token.created_at)),
      h('td', token.status === 'active' ? h('button.danger', {
        type: 'button',
        onclick: (e) => act(e.currentTarget, errors, async () => { await del(`/agent-tokens/${token.id}`); await list.reload(); }),
      }, 'Revoke') : null)),
    empty: emptyState('No registration tokens yet.'),
  });
  return { element: h('div', errors, list.element), reload: list.reload };
}
