import { del, get, post, put } from '../api.js';
import { filterForm, listPage, pagedTable } from '../paged.js';
import { roles } from '../session.js';
import { act, badge, clear, emptyState, field, h, link, pageHeader, select, time, toast } from '../ui.js';

const STATUSES = [['', 'All'], ['healthy', 'Healthy'], ['warning', 'Warning'], ['down', 'Down'], ['unknown', 'Unknown']];

function target(check) {
  return check.kind === 'http' ? check.url : `${check.host}:${check.port}`;
}

export async function list(main, ctx) {
  const canWrite = roles.canWrite(ctx.session);
  const filters = filterForm('Filter', ['Status', select('status', STATUSES, '', { id: 'service-status' })]);
  const services = pagedTable({
    caption: 'Health checks',
    headers: ['Service', 'Status', 'Target', 'Response', 'Checked'],
    load: (cursor) => get('/services', { limit: 25, cursor, status: filters.elements.status.value }, { signal: ctx.signal }),
    row: (s) => h('tr', { dataset: { id: s.id } },
      h('td', link(`#/services/${s.id}`, s.name)), h('td', badge(s.status)),
      h('td', h('code', target(s))), h('td', s.last_response_ms !== undefined ? `${s.last_response_ms} ms` : '—'),
      h('td', time(s.last_checked_at))),
    empty: emptyState(canWrite ? 'No health checks yet. Add the HTTP endpoints and TCP ports of your services.'
      : 'No health checks yet.', canWrite ? h('a.button.primary', { href: '#/services/new' }, 'New health check') : null),
  });
  await listPage(main, {
    title: 'Services', filters, list: services,
    action: canWrite ? h('a.button.primary', { href: '#/services/new' }, 'New health check') : null,
  });
}

export async function create(main, ctx) {
  clear(main, pageHeader('New health check'), checkForm(null, async (body) => {
    const created = await post('/services', body);
    toast(`Health check ${created.name} created`);
    ctx.navigate(`#/services/${created.id}`);
  }));
}

function checkForm(check, save) {
  const errors = h('div');
  const kind = select('kind', [['http', 'HTTP'], ['tcp', 'TCP']], check?.kind ?? 'http', { id: 'check-kind' });
  const http = h('div',
    field('URL', 'input', { name: 'url', type: 'url', value: check?.url ?? '', placeholder: 'https://api.example.com/health' }),
    h('div.row',
      field('Expected status', 'input', { name: 'expected_status', type: 'number', min: 100, max: 599, value: check?.expected_status ?? 200 }),
      field('Body contains', 'input', { name: 'body_contains', value: check?.body_contains ?? '' })));
  const tcp = h('div.row',
    field('Host', 'input', { name: 'host', value: check?.host ?? '' }),
    field('Port', 'input', { name: 'port', type: 'number', min: 1, max: 65535, value: check?.port ?? '' }));
  const showKind = () => { http.hidden = kind.value !== 'http'; tcp.hidden = kind.value !== 'tcp'; };
  kind.addEventListener('change', showKind);
  const form = h('form.panel', { novalidate: true },
    field('Name', 'input', { name: 'name', required: true, maxlength: 100, value: check?.name ?? '' }),
    h('div.field', h('label', { for: 'check-kind' }, 'Kind'), kind),
    http, tcp,
    h('div.row',
      field('Interval (seconds)', 'input', { name: 'interval_seconds', type: 'number', min: 10, max: 86400, value: check?.interval_seconds ?? 60 }),
      field('Timeout (ms)', 'input', { name: 'timeout_ms', type: 'number', min: 100, max: 30000, value: check?.timeout_ms ?? 5000 }),
      field('Warn above (ms)', 'input', { name: 'warning_threshold_ms', type: 'number', min: 1, max: 30000, value: check?.warning_threshold_ms ?? 1000 })),
    h('label.check', h('input', { type: 'checkbox', name: 'enabled', checked: check?.enabled ?? true }), 'Enabled'),
    errors,
    h('div.form-actions', h('button.primary', { type: 'submit' }, check ? 'Save' : 'Create health check'),
      h('a.button', { href: check ? `#/services/${check.id}` : '#/services' }, 'Cancel')));
  showKind();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => form.elements[name].value.trim();
    const number = (name) => (value(name) === '' ? undefined : Number(value(name)));
    const body = {
      name: value('name'), kind: kind.value,
      interval_seconds: number('interval_seconds'), timeout_ms: number('timeout_ms'),
      warning_threshold_ms: number('warning_threshold_ms'), enabled: form.elements.enabled.checked,
      ...(kind.value === 'http'
        ? { url: value('url'), expected_status: number('expected_status'), body_contains: value('body_contains') || undefined }
        : { host: value('host'), port: number('port') }),
    };
    await act(form.querySelector('button[type=submit]'), errors, () => save(body));
  });
  return form;
}

export async function detail(main, ctx) {
  const canWrite = roles.canWrite(ctx.session);
  const id = ctx.params.id;
  const [check, results] = await Promise.all([
    get(`/services/${id}`, {}, { signal: ctx.signal }),
    get(`/services/${id}/results`, { limit: 100 }, { signal: ctx.signal }),
  ]);
  const errors = h('div');
  const editPlace = h('div');
  const actions = canWrite ? [
    h('button', { type: 'button', onclick: () => clear(editPlace, checkForm(check, async (body) => { await put(`/services/${id}`, body); toast('Saved'); location.reload(); })) }, 'Edit'),
    h('button.danger', {
      type: 'button',
      onclick: async (e) => {
        if (!confirm(`Delete health check ${check.name} and its history?`)) return;
        await act(e.currentTarget, errors, async () => { await del(`/services/${id}`); ctx.navigate('#/services'); });
      },
    }, 'Delete'),
  ] : [];
  clear(main,
    pageHeader(check.name, badge(check.status), ...actions),
    errors, editPlace,
    h('div.panel', h('dl.facts',
      h('dt', 'Target'), h('dd', h('code', target(check))),
      h('dt', 'Every'), h('dd', `${check.interval_seconds} s, timeout ${check.timeout_ms} ms, warning above ${check.warning_threshold_ms} ms`),
      h('dt', 'Last check'), h('dd', time(check.last_checked_at), check.last_error ? ` — ${check.last_error}` : ''),
      h('dt', 'Enabled'), h('dd', check.enabled ? 'yes' : 'no'))),
    h('h2', 'Response time'),
    results.items.length ? chart(results.items.slice().reverse()) : emptyState('No results yet: the first check runs soon.'),
    results.items.length ? h('details', h('summary', 'Latest results'), h('ul', results.items.slice(0, 20).map((r) =>
      h('li', badge(r.status), ` ${r.response_ms ?? '—'} ms `, time(r.checked_at), r.error ? ` ${r.error}` : '')))) : null);
}

/** A small SVG line chart of response times, oldest left; down results drawn as red marks on the axis. */
function chart(results) {
  const width = 600;
  const height = 160;
  const pad = { left: 44, right: 8, top: 10, bottom: 22 };
  const values = results.map((r) => r.response_ms ?? 0);
  const max = Math.max(10, ...values);
  const x = (i) => pad.left + (results.length === 1 ? 0 : (i * (width - pad.left - pad.right)) / (results.length - 1));
  const y = (v) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = (tag, attributes, text) => {
    const element = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, String(v));
    if (text !== undefined) element.textContent = text;
    return element;
  };
  const root = svg('svg', {
    class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', preserveAspectRatio: 'none',
    'aria-label': `Response times of the last ${results.length} checks: from ${Math.min(...values)} to ${max} ms`,
  });
  root.append(
    svg('line', { class: 'axis', x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom }),
    svg('line', { class: 'axis', x1: pad.left, y1: pad.top, x2: pad.left, y2: height - pad.bottom }),
    svg('text', { x: 4, y: pad.top + 8 }, `${max} ms`),
    svg('text', { x: 4, y: height - pad.bottom }, '0'),
    svg('text', { x: pad.left, y: height - 4 }, new Date(results[0].checked_at).toLocaleTimeString()),
    svg('text', { x: width - pad.right - 60, y: height - 4 }, new Date(results[results.length - 1].checked_at).toLocaleTimeString()),
    svg('polyline', { class: 'line', points: values.map((v, i) => `${x(i)},${y(v)}`).join(' ') }));
  results.forEach((r, i) => {
    if (r.status === 'down') root.append(svg('circle', { cx: x(i), cy: height - pad.bottom, r: 3, fill: '#b42318' }));
  });
  return root;
}
