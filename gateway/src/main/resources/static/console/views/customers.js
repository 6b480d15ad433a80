import { get, patch, post } from '../api.js';
import { filterForm, listPage, pagedTable } from '../paged.js';
import { roles } from '../session.js';
import { act, badge, clear, emptyState, field, h, link, pageHeader, select, time, toast } from '../ui.js';

const PLAN = [
  ['max_users', 'Users', 50], ['max_agents', 'Agents', 10], ['max_pipelines', 'Pipelines', 100],
  ['requests_per_minute', 'API requests / minute', 1000], ['deployments_per_hour', 'Deployments / hour', 100],
  ['executions_per_hour', 'Executions / hour', 50],
];

function notForYou(main) {
  clear(main, pageHeader('Customers'), emptyState('Only platform admins manage customers.'));
}

export async function list(main, ctx) {
  if (!roles.platformAdmin(ctx.session)) { notForYou(main); return; }
  const filters = filterForm('Filter', ['Name or slug', h('input', { id: 'customer-q', name: 'q', type: 'search' })],
    ['State', select('active', [['', 'All'], ['true', 'Active'], ['false', 'Deactivated']], '', { id: 'customer-active' })]);
  const customers = pagedTable({
    caption: 'Customers',
    headers: ['Customer', 'Slug', 'State', 'Plan', 'Created'],
    load: (cursor) => get('/tenants', {
      limit: 25, cursor, q: filters.elements.q.value.trim(), active: filters.elements.active.value,
    }, { signal: ctx.signal }),
    row: (t) => h('tr', { dataset: { id: t.id, slug: t.slug } },
      h('td', link(`#/customers/${t.id}`, t.display_name)), h('td', h('code', t.slug)),
      h('td', badge(t.active ? 'active' : 'inactive')),
      h('td.muted', `${t.max_users} users · ${t.max_agents} agents · ${t.requests_per_minute}/min`),
      h('td', time(t.created_at))),
    empty: emptyState('No customers match.', h('a.button.primary', { href: '#/customers/new' }, 'New customer')),
  });
  await listPage(main, {
    title: 'Customers', filters, list: customers,
    action: h('a.button.primary', { href: '#/customers/new' }, 'New customer'),
  });
}

function customerForm(tenant, save) {
  const errors = h('div');
  const form = h('form.panel', { novalidate: true },
    tenant ? null : field('Slug', 'input', {
      name: 'slug', required: true, pattern: '[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?', maxlength: 63,
    }, 'Lower-case letters, digits and dashes: the subdomain, e.g. acme-corp'),
    field('Display name', 'input', { name: 'display_name', required: true, maxlength: 200, value: tenant?.display_name ?? '' }),
    field('Description', 'input', { name: 'description', maxlength: 2000, value: tenant?.description ?? '' }),
    h('div.row',
      field('Contact email', 'input', { name: 'contact_email', type: 'email', value: tenant?.contact_email ?? '' }),
      field('Contact phone', 'input', { name: 'contact_phone', value: tenant?.contact_phone ?? '' })),
    h('fieldset', h('legend', 'Plan'), h('div.row', PLAN.map(([name, label, fallback]) =>
      field(label, 'input', { name, type: 'number', min: 0, value: tenant?.[name] ?? fallback })))),
    errors,
    h('div.form-actions', h('button.primary', { type: 'submit' }, tenant ? 'Save customer' : 'Create customer'),
      h('a.button', { href: tenant ? `#/customers/${tenant.id}` : '#/customers' }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => form.elements[name].value.trim();
    const body = {
      display_name: value('display_name'),
      description: value('description') || (tenant ? '' : undefined),
      contact_email: value('contact_email') || (tenant ? '' : undefined),
      contact_phone: value('contact_phone') || (tenant ? '' : undefined),
      ...Object.fromEntries(PLAN.map(([name]) => [name, Number(value(name))])),
    };
    if (!tenant) body.slug = value('slug');
    await act(form.querySelector('button[type=submit]'), errors, () => save(body));
  });
  return form;
}

export async function create(main, ctx) {
  if (!roles.platformAdmin(ctx.session)) { notForYou(main); return; }
  clear(main, pageHeader('New customer'), customerForm(null, async (body) => {
    const created = await post('/tenants', body);
    toast(`Customer ${created.display_name} created`);
    ctx.navigate(`#/customers/${created.id}`);
  }));
}

export async function detail(main, ctx) {
  if (!roles.platformAdmin(ctx.session)) { notForYou(main); return; }
  const tenant = await get(`/tenants/${ctx.params.id}`, {}, { signal: ctx.signal });
  const errors = h('div');
  const toggle = h(tenant.active ? 'button.danger' : 'button.primary', {
    type: 'button',
    onclick: async (e) => {
      const action = tenant.active ? 'deactivate' : 'activate';
      if (tenant.active && !confirm(`Deactivate ${tenant.display_name}? Its users are refused until it is activated again.`)) return;
      await act(e.currentTarget, errors, async () => {
        await post(`/tenants/${tenant.id}/${action}`);
        toast(`${tenant.display_name} ${action}d`);
        await detail(main, ctx);
      });
    },
  }, tenant.active ? 'Deactivate' : 'Activate');
  clear(main,
    pageHeader(tenant.display_name, badge(tenant.active ? 'active' : 'inactive'), toggle),
    errors,
    h('div.panel', h('dl.facts',
      h('dt', 'Slug'), h('dd', h('code', tenant.slug)),
      h('dt', 'Id'), h('dd', h('code', tenant.id)),
      h('dt', 'Created'), h('dd', time(tenant.created_at)))),
    h('h2', 'Edit'),
    customerForm(tenant, async (body) => {
      await patch(`/tenants/${tenant.id}`, body);
      toast('Customer saved');
      await detail(main, ctx);
    }));
}
