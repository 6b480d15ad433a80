import { get, stream } from '../api.js';
import { badge, clear, emptyState, errorBox, h, pageHeader, percent, time } from '../ui.js';

function card(title, value, detail, id) {
  return h('section.card', { 'aria-labelledby': `card-${id}`, dataset: { card: id } },
    h('h2', { id: `card-${id}` }, title), h('div.value', String(value ?? '—')), h('div.detail', detail));
}

function cards(stats) {
  const { agents, pipelines, executions, releases, services, users } = stats;
  return h('div.cards',
    card('Agents', agents.total, `${agents.online} online`, 'agents'),
    card('Pipelines', pipelines.total, `success rate ${percent(executions.success_rate)}`, 'pipelines'),
    card('Releases', releases.total, `${releases.active} active`, 'releases'),
    card('Services', services.total, `${services.warning} warning · ${services.down} down`, 'services'),
    card('Users', users.total, 'members of this customer', 'users'),
    card('Executions', executions.total, `${percent(executions.success_rate)} succeeded`, 'executions'));
}

function entry(item) {
  return h('li', { dataset: { id: item.id, kind: item.kind } },
    badge(item.severity), h('span.message', item.message), time(item.occurred_at));
}

export async function render(main, ctx) {
  const { session } = ctx;
  const [stats, activity] = await Promise.all([
    get(`/tenants/${session.tenant_id}/statistics`, {}, { signal: ctx.signal }),
    get('/activity', { limit: 20 }, { signal: ctx.signal }),
  ]);
  const liveState = h('span.live', { dataset: { state: 'connecting' } }, 'connecting');
  const list = h('ul.activity', { id: 'activity', 'aria-live': 'polite' }, activity.items.map(entry));
  const empty = emptyState('Nothing has happened yet. Register an agent or run a pipeline and it shows here.');
  const statsPlace = h('div', cards(stats));
  clear(main,
    pageHeader(`${session.tenant_slug} dashboard`),
    statsPlace,
    h('h2', 'Recent activity ', liveState),
    activity.items.length ? list : h('div', empty, list));

  const seen = new Set(activity.items.map((item) => item.id));
  stream('/activity/stream', (event) => {
    if (event.event !== 'activity') return;
    const item = JSON.parse(event.data);
    if (seen.has(item.id)) return;
    seen.add(item.id);
    empty.remove();
    list.prepend(entry(item));
    while (list.children.length > 50) list.lastChild.remove();
  }, ctx.signal, (state) => { liveState.dataset.state = state; liveState.textContent = state; });

  // the statistics follow the same events; read them again now and then while the page is open
  ctx.every(10_000, async () => {
    try {
      clear(statsPlace, cards(await get(`/tenants/${session.tenant_id}/statistics`, {}, { signal: ctx.signal })));
    } catch (error) {
      if (error.name !== 'AbortError') clear(statsPlace, errorBox(error));
    }
  });
}
