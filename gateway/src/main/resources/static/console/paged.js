// A list read page by page with the API's cursor: the first page at once, the next on "Load more".
import { clear, emptyState, errorBox, h, pageHeader, table } from './ui.js';

/**
 * @param load (cursor) => Promise<{items, next_cursor}>
 * @param row (item) => <tr>
 * @param empty the node shown when the first page has nothing
 */
export function pagedTable({ headers, caption, load, row, empty }) {
  const body = h('tbody');
  const more = h('button.more', { type: 'button' }, 'Load more');
  const errors = h('div');
  const place = h('div.paged');
  let cursor = null;

  async function next() {
    more.disabled = true;
    errors.replaceChildren();
    try {
      const page = await load(cursor);
      if (cursor === null && page.items.length === 0) {
        clear(place, empty ?? emptyState('Nothing here yet.'));
        return;
      }
      if (cursor === null) clear(place, table(headers, body, caption), more, errors);
      body.append(...page.items.map(row));
      cursor = page.next_cursor ?? null;
      more.hidden = !cursor;
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (cursor === null) clear(place, errorBox(error));
      else errors.replaceChildren(errorBox(error));
    } finally {
      more.disabled = false;
    }
  }

  more.addEventListener('click', next);
  return {
    element: place,
    /** reads the list again from its first page */
    async reload() {
      cursor = null;
      body.replaceChildren();
      await next();
    },
  };
}

/** A search or filter form above a list: labelled controls and a submit button. */
export function filterForm(submitLabel, ...fields) {
  return h('form.toolbar', { role: 'search' },
    fields.map(([label, control]) => h('div.field', h('label', { for: control.id }, label), control)),
    h('button', { type: 'submit' }, submitLabel));
}

/** A list page: its heading and action, its filters (submitting reads the list again), the list. */
export async function listPage(main, { title, action, filters, list }) {
  filters.addEventListener('submit', (event) => { event.preventDefault(); list.reload(); });
  clear(main, pageHeader(title, action), filters, list.element);
  await list.reload();
}
