import { del, get, post, put } from '../api.js';
import { filterForm, listPage, pagedTable } from '../paged.js';
import { roles } from '../session.js';
import {
  act, badge, clear, duration, emptyState, field, h, link, pageHeader, percent, time, toast,
} from '../ui.js';

export async function list(main, ctx) {
  const canWrite = roles.canWrite(ctx.session);
  const search = filterForm('Search', ['Search', h('input', { id: 'pipeline-q', name: 'q', type: 'search' })]);
  const pipelines = pagedTable({
    caption: 'Pipelines',
    headers: ['Name', 'Steps', 'Runs on', 'Version', 'Updated'],
    load: (cursor) => get('/pipelines', { limit: 25, cursor, q: search.elements.q.value.trim() }, { signal: ctx.signal }),
    row: (p) => h('tr', { dataset: { id: p.id } },
      h('td', link(`#/pipelines/${p.id}`, p.name), p.description ? h('div.muted', p.description) : null),
      h('td', String(p.steps?.length ?? 0)),
      h('td', p.agent_id ? 'one agent' : p.agent_labels?.length ? p.agent_labels.map((l) => h('code', l, ' ')) : 'any agent'),
      h('td', `v${p.version}`),
      h('td', time(p.updated_at ?? p.created_at))),
    empty: emptyState(canWrite ? 'No pipelines yet. Create one: a list of shell steps your agents run.'
      : 'No pipelines yet.', canWrite ? h('a.button.primary', { href: '#/pipelines/new' }, 'New pipeline') : null),
  });
  await listPage(main, {
    title: 'Pipelines', filters: search, list: pipelines,
    action: canWrite ? h('a.button.primary', { href: '#/pipelines/new' }, 'New pipeline') : null,
  });
}

export async function create(main, ctx) {
  clear(main, pageHeader('New pipeline'), pipelineForm(null, async (body) => {
    const created = await post('/pipelines', body);
    toast(`Pipeline ${created.name} created`);
    ctx.navigate(`#/pipelines/${created.id}`);
  }));
}

export async function edit(main, ctx) {
  const pipeline = await get(`/pipelines/${ctx.params.id}`, {}, { signal: ctx.signal });
  clear(main, pageHeader(`Edit ${pipeline.name}`), pipelineForm(pipeline, async (body) => {
    await put(`/pipelines/${pipeline.id}`, body);
    toast('Pipeline saved');
    ctx.navigate(`#/pipelines/${pipeline.id}`);
  }));
}

function stepRow(step = {}) {
  const row = h('fieldset.step',
    h('legend', 'Step'),
    h('div.row',
      field('Name', 'input', { name: 'step_name', required: true, maxlength: 100, value: step.name ?? '' }),
      field('Timeout (seconds)', 'input', { name: 'step_timeout', type: 'number', min: 1, max: 86400, value: step.timeout_seconds ?? 3600 })),
    field('Command', 'textarea', { name: 'step_command', required: true, value: step.command ?? '' }),
    h('label.check', h('input', { type: 'checkbox', name: 'step_continue', checked: !!step.continue_on_error }),
      'Continue when this step fails'),
    h('div.form-actions', h('button', { type: 'button', onclick: () => row.remove() }, 'Remove step')));
  return row;
}

function parameterRow(parameter = {}) {
  const row = h('fieldset.parameter',
    h('legend', 'Parameter'),
    h('div.row',
      field('Name', 'input', { name: 'param_name', required: true, pattern: '[A-Za-z_][A-Za-z0-9_]*', value: parameter.name ?? '' }),
      field('Default', 'input', {
        name: 'param_default', type: parameter.secret ? 'password' : 'text', value: parameter.default ?? '',
        placeholder: parameter.has_default ? 'kept (secret)' : '',
      })),
    h('label.check', h('input', { type: 'checkbox', name: 'param_required', checked: !!parameter.required }), 'Required'),
    h('label.check', h('input', { type: 'checkbox', name: 'param_secret', checked: !!parameter.secret }), 'Secret (never shown, masked in logs)'),
    h('div.form-actions', h('button', { type: 'button', onclick: () => row.remove() }, 'Remove parameter')));
  return row;
}

function pipelineForm(pipeline, save) {
  const steps = h('div.steps-editor', (pipeline?.steps ?? [{ name: 'Build', command: '' }]).map(stepRow));
  const parameters = h('div.parameters-editor', (pipeline?.parameters ?? []).map(parameterRow));
  const errors = h('div');
  const form = h('form.panel', { novalidate: true },
    field('Name', 'input', { name: 'name', required: true, maxlength: 200, value: pipeline?.name ?? '' }),
    field('Description', 'input', { name: 'description', maxlength: 2000, value: pipeline?.description ?? '' }),
    h('div.row',
      field('Repository', 'input', { name: 'repository', value: pipeline?.repository ?? '', placeholder: 'https://git.example.com/app.git' }),
      field('Ref', 'input', { name: 'ref', value: pipeline?.ref ?? '', placeholder: 'main' })),
    field('Agent labels', 'input', { name: 'agent_labels', value: (pipeline?.agent_labels ?? []).join(', ') },
      'Comma-separated; any agent carrying every label may run it. Empty: any agent.'),
    h('h2', 'Steps'), steps,
    h('button', { type: 'button', onclick: () => steps.append(stepRow()) }, 'Add step'),
    h('h2', 'Parameters'), parameters,
    h('button', { type: 'button', onclick: () => parameters.append(parameterRow()) }, 'Add parameter'),
    errors,
    h('div.form-actions', h('button.primary', { type: 'submit' }, pipeline ? 'Save pipeline' : 'Create pipeline'),
      h('a.button', { href: pipeline ? `#/pipelines/${pipeline.id}` : '#/pipelines' }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = (name) => form.elements[name].value.trim();
    const body = {
      name: text('name'),
      description: text('description') || undefined,
      repository: text('repository') || undefined,
      ref: text('ref') || undefined,
      agent_labels: text('agent_labels') ? text('agent_labels').split(',').map((l) => l.trim()).filter(Boolean) : undefined,
      steps: [...steps.querySelectorAll('fieldset.step')].map((row) => ({
        name: row.querySelector('[name=step_name]').value.trim(),
        command: row.querySelector('[name=step_command]').value,
        timeout_seconds: Number(row.querySelector('[name=step_timeout]').value) || undefined,
        continue_on_error: row.querySelector('[name=step_continue]').checked,
      })),
      parameters: [...parameters.querySelectorAll('fieldset.parameter')].map((row) => {
        const secret = row.querySelector('[name=param_secret]').checked;
        const value = row.querySelector('[name=param_default]').value;
        return {
          name: row.querySelector('[name=param_name]').value.trim(),
          // a secret's stored default is kept when the field is left empty
          default: value === '' && secret ? undefined : value,
          required: row.querySelector('[name=param_required]').checked,
          secret,
        };
      }),
    };
    await act(form.querySelector('button[type=submit]'), errors, () => save(body));
  });
  return form;
}

export async function detail(main, ctx) {
  const canWrite = roles.canWrite(ctx.session);
  const id = ctx.params.id;
  const [pipeline, stats] = await Promise.all([
    get(`/pipelines/${id}`, {}, { signal: ctx.signal }),
    get(`/pipelines/${id}/stats`, {}, { signal: ctx.signal }),
  ]);
  const errors = h('div');
  const executions = pagedTable({
    caption: 'Executions',
    headers: ['Run', 'Status', 'Started', 'Duration', 'Reason'],
    load: (cursor) => get(`/pipelines/${id}/executions`, { limit: 25, cursor }, { signal: ctx.signal }),
    row: (e) => h('tr', { dataset: { id: e.id } },
      h('td', link(`#/executions/${e.id}`, `#${e.number}`)), h('td', badge(e.status)),
      h('td', time(e.started_at ?? e.created_at)), h('td', duration(e.duration_ms)),
      h('td', e.reason ? String(e.reason).replaceAll('_', ' ') : '')),
    empty: emptyState(canWrite ? 'Not run yet. Trigger it above.' : 'Not run yet.'),
  });

  const actions = canWrite ? [
    h('a.button', { href: `#/pipelines/${id}/edit` }, 'Edit'),
    h('button.danger', {
      type: 'button',
      onclick: async (e) => {
        if (!confirm(`Delete pipeline ${pipeline.name}? Its executions stay readable.`)) return;
        await act(e.currentTarget, errors, async () => { await del(`/pipelines/${id}`); toast('Pipeline deleted'); ctx.navigate('#/pipelines'); });
      },
    }, 'Delete'),
  ] : [];

  clear(main,
    pageHeader(pipeline.name, ...actions),
    errors,
    h('div.cards',
      statCard('Runs', stats.executions), statCard('Success rate', percent(stats.success_rate)),
      statCard('Running', stats.running), statCard('Average', duration(stats.average_duration_ms)),
      statCard('p95', duration(stats.p95_duration_ms))),
    canWrite ? triggerForm(pipeline, ctx) : null,
    h('h2', 'Executions'), executions.element,
    h('h2', 'Definition'), definition(pipeline));
  await executions.reload();
  ctx.every(5000, () => executions.reload());
}

function statCard(title, value) {
  return h('section.card', h('h2', title), h('div.value', String(value ?? '—')));
}

function triggerForm(pipeline, ctx) {
  const errors = h('div');
  const inputs = (pipeline.parameters ?? []).map((p) => field(
    `${p.name}${p.required ? ' (required)' : ''}`, 'input',
    { name: p.name, type: p.secret ? 'password' : 'text', placeholder: p.secret ? (p.has_default ? 'default kept' : '') : (p.default ?? '') },
    p.secret ? 'Secret: never shown again' : null));
  const form = h('form.panel', { 'aria-label': 'Run pipeline' }, h('h2', 'Run'),
    inputs.length ? h('div.row', inputs) : h('p.muted', 'This pipeline has no parameters.'),
    errors, h('button.primary', { type: 'submit' }, 'Run pipeline'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const parameters = {};
    for (const p of pipeline.parameters ?? []) {
      const value = form.querySelector(`[name="${CSS.escape(p.name)}"]`).value;
      if (value !== '') parameters[p.name] = value;
    }
    await act(form.querySelector('button[type=submit]'), errors, async () => {
      const execution = await post(`/pipelines/${pipeline.id}/executions`, { parameters });
      toast(`Run #${execution.number} queued`);
      ctx.navigate(`#/executions/${execution.id}`);
    });
  });
  return form;
}

function definition(pipeline) {
  return h('div.panel',
    h('dl.facts',
      h('dt', 'Repository'), h('dd', pipeline.repository ?? '—'),
      h('dt', 'Ref'), h('dd', pipeline.ref ?? '—'),
      h('dt', 'Runs on'), h('dd', pipeline.agent_id ? `agent ${pipeline.agent_id}` : pipeline.agent_labels?.length
        ? `agents labelled ${pipeline.agent_labels.join(', ')}` : 'any agent'),
      h('dt', 'Version'), h('dd', String(pipeline.version))),
    h('h3', 'Steps'),
    h('ol', (pipeline.steps ?? []).map((s) => h('li', h('strong', s.name), ' ', h('code', s.command),
      s.continue_on_error ? h('span.muted', ' (continues on error)') : null))),
    pipeline.parameters?.length ? h('h3', 'Parameters') : null,
    pipeline.parameters?.length ? h('ul', pipeline.parameters.map((p) => h('li', h('code', p.name),
      p.secret ? ' secret' : p.default ? ` default ${p.default}` : '', p.required ? ', required' : ''))) : null);
}
