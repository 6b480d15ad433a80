import { del, get, patch, post } from '../api.js';
import { pagedTable } from '../paged.js';
import { roles } from '../session.js';
import { act, clear, emptyState, field, h, pageHeader, select, time, toast } from '../ui.js';

const ROLES = [['viewer', 'Viewer'], ['member', 'Member'], ['tenant_admin', 'Tenant admin']];

export async function render(main, ctx) {
  const admin = roles.tenantAdmin(ctx.session);
  const tenant = ctx.session.tenant_id;
  const errors = h('div');
  const capacity = h('p.muted', { id: 'capacity' });
  const addPlace = h('div');

  async function showCapacity() {
    const count = await get(`/tenants/${tenant}/users/count`, {}, { signal: ctx.signal });
    capacity.textContent = `${count.count} of ${count.capacity} members`;
  }

  const members = pagedTable({
    caption: 'Members',
    headers: ['Member', 'Role', 'Joined', admin ? 'Actions' : null].filter(Boolean),
    load: (cursor) => get(`/tenants/${tenant}/members`, { limit: 50, cursor }, { signal: ctx.signal }),
    row: (m) => {
      const role = select('role', ROLES, m.role, { 'aria-label': `Role of ${m.email}` });
      role.addEventListener('change', () => act(role, errors, async () => {
        await patch(`/tenants/${tenant}/members/${m.user_id}`, { role: role.value });
        toast(`${m.email} is now ${role.value.replace('_', ' ')}`);
      }).catch(() => {}).finally(() => members.reload()));
      return h('tr', { dataset: { user: m.user_id } },
        h('td', h('strong', m.display_name ?? m.email), h('div.muted', m.email)),
        h('td', admin ? role : m.role.replace('_', ' ')),
        h('td', time(m.created_at)),
        admin ? h('td', h('button.danger', {
          type: 'button',
          onclick: async (e) => {
            if (!confirm(`Remove ${m.email} from this customer?`)) return;
            await act(e.currentTarget, errors, async () => {
              await del(`/tenants/${tenant}/members/${m.user_id}`);
              toast(`${m.email} removed`);
              await Promise.all([members.reload(), showCapacity()]);
            });
          },
        }, 'Remove')) : null);
    },
    empty: emptyState('No members.'),
  });

  function addForm() {
    const formErrors = h('div');
    const form = h('form.panel', { 'aria-label': 'Add member', novalidate: true },
      h('div.row',
        field('Email', 'input', { name: 'email', type: 'email', required: true }),
        h('div.field', h('label', { for: 'new-member-role' }, 'Role'), select('role', ROLES, 'member', { id: 'new-member-role' }))),
      h('details', h('summary', 'A new user? Create the account too'),
        h('div.row',
          field('Display name', 'input', { name: 'display_name', maxlength: 200 }),
          field('Initial password', 'input', { name: 'password', type: 'password', minlength: 10, autocomplete: 'new-password' },
            'At least 10 characters; tell the user to change it.'))),
      formErrors,
      h('div.form-actions', h('button.primary', { type: 'submit' }, 'Add member'),
        h('button', { type: 'button', onclick: () => addPlace.replaceChildren() }, 'Cancel')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const email = form.elements.email.value.trim();
      await act(form.querySelector('button[type=submit]'), formErrors, async () => {
        if (form.elements.password.value) {
          await post('/users', {
            email, password: form.elements.password.value,
            display_name: form.elements.display_name.value.trim() || undefined,
          });
        }
        await post(`/tenants/${tenant}/members`, { email, role: form.elements.role.value });
        toast(`${email} added`);
        addPlace.replaceChildren();
        await Promise.all([members.reload(), showCapacity()]);
      });
    });
    clear(addPlace, form);
    form.elements.email.focus();
  }

  clear(main, pageHeader('Members', admin ? h('button.primary', { type: 'button', onclick: addForm }, 'Add member') : null),
    capacity, addPlace, errors, members.element);
  await Promise.all([members.reload(), showCapacity()]);
}
