// DOM helpers. Text from the API only ever reaches the page as text nodes or attribute values, never as markup.

/** h('button.primary', {onclick}, 'Save'): an element with classes, attributes or properties, and children. */
export function h(tag, attributes = {}, ...children) {
  const [name, ...classes] = tag.split('.');
  const element = document.createElement(name);
  if (classes.length) element.className = classes.join(' ');
  if (attributes === null || typeof attributes !== 'object' || attributes instanceof Node || Array.isArray(attributes)) {
    children.unshift(attributes);
    attributes = {};
  }
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key === 'value') element.value = value; // a textarea's text is its value, never an attribute
    else if (key in element && typeof value !== 'string') element[key] = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A problem+json error (or any other) as an alert: its title, its detail and every invalid field. */
export function errorBox(error) {
  const title = error.title || 'Something went wrong';
  const detail = error.detail || (error.status ? '' : error.message);
  return h('div.alert.error', { role: 'alert' },
    h('strong', title), detail ? h('span', ' ', detail) : null,
    error.errors?.length ? h('ul', error.errors.map((e) => h('li', h('code', e.field), ' ', e.message))) : null);
}

export function emptyState(text, ...actions) {
  return h('div.empty', h('p', text), actions.length ? h('div.actions', actions) : null);
}

export function badge(status) {
  return h('span.badge', { dataset: { status: String(status ?? 'unknown') } }, String(status ?? 'unknown').replaceAll('_', ' '));
}

export function time(instant) {
  if (!instant) return h('span.muted', '—');
  const date = new Date(instant);
  return h('time', { datetime: instant, title: date.toISOString() }, relative(date));
}

export function relative(date) {
  const seconds = Math.round((Date.now() - date.getTime()) / 1000);
  const ago = seconds >= 0;
  const s = Math.abs(seconds);
  const text = s < 45 ? `${s} s` : s < 3600 ? `${Math.round(s / 60)} min` : s < 86400 ? `${Math.round(s / 3600)} h`
    : `${Math.round(s / 86400)} d`;
  return ago ? `${text} ago` : `in ${text}`;
}

export function duration(ms) {
  if (ms === undefined || ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export function percent(ratio) {
  return ratio === undefined || ratio === null ? '—' : `${Math.round(ratio * 1000) / 10} %`;
}

/** A labelled form field; the input is h(tag, attributes). */
export function field(label, tag, attributes = {}, hint) {
  const id = attributes.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  const input = h(tag, { ...attributes, id });
  return h('div.field', h('label', { for: id }, label), input, hint ? h('small.hint', hint) : null);
}

export function select(name, options, value, attributes = {}) {
  return h('select', { name, ...attributes },
    options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === value }, text)));
}

/** The form's named fields as an object; empty strings left out. */
export function formValues(form) {
  const values = {};
  for (const element of form.elements) {
    if (!element.name || element.disabled) continue;
    if (element.type === 'checkbox') values[element.name] = element.checked;
    else if (element.value !== '') values[element.name] = element.value;
  }
  return values;
}

/** Runs an action from a button or form: disables it meanwhile and shows a failure in the given place. */
export async function act(control, errorPlace, action) {
  control.disabled = true;
  errorPlace?.replaceChildren();
  try {
    return await action();
  } catch (error) {
    if (errorPlace) errorPlace.replaceChildren(errorBox(error));
    else throw error;
  } finally {
    control.disabled = false;
  }
}

export function table(headers, rows, caption) {
  return h('div.table-wrap',
    h('table', caption ? h('caption.visually-hidden', caption) : null,
      h('thead', h('tr', headers.map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', rows)));
}

export function pageHeader(title, ...actions) {
  return h('div.page-header', h('h1', { tabindex: '-1' }, title), actions.length ? h('div.actions', actions) : null);
}

export function link(href, text) {
  return h('a', { href }, text);
}

export function toast(text) {
  const region = document.getElementById('toasts');
  const item = h('div.toast', { role: 'status' }, text);
  region.append(item);
  setTimeout(() => item.remove(), 4000);
}
