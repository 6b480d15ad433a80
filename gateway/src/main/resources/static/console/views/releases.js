import { get, post } from '../api.js';
import { filterForm, listPage, pagedTable } from '../paged.js';
import { roles } from '../session.js';
import { act, badge, clear, duration, emptyState, field, h, link, pageHeader, select, time, toast } from '../ui.js';

const STATUSES = [['', 'All'], ['created', 'Created'], ['in_progress', 'In progress'], ['completed', 'Completed']];

export async function list(main, ctx) {
  const canWrite = roles.canWrite(ctx.session);
  const filters = filterForm('Filter', ['Status', select('status', STATUSES, '', { id: 'release-status' })],
    ['Name or version', h('input', { id: 'release-q', name: 'q', type: 'search' })]);
  const releases = pagedTable({
    caption: 'Releases',
    headers: ['Release', 'Version', 'Status', 'Stages', 'Created'],
    load: (cursor) => get('/releases', {
      limit: 25, cursor, status: filters.elements.status.value, q: filters.elements.q.value.trim(),
    }, { signal: ctx.signal }),
    row: (r) => h('tr', { dataset: { id: r.id } },
      h('td', link(`#/releases/${r.id}`, r.name)), h('td', h('code', r.version)), h('td', badge(r.status)),
      h('td', (r.stages ?? []).map((s) => h('span', { title: `${s.environment_name}: ${s.status}` }, badge(s.status), ' '))),
      h('td', time(r.created_at))),
    empty: emptyState(canWrite ? 'No releases yet. A release pins a version and the pipelines that deploy it.'
      : 'No releases yet.', canWrite ? h('a.button.primary', { href: '#/releases/new' }, 'New release') : null),
  });
  await listPage(main, {
    title: 'Releases', filters, list: releases,
    action: canWrite ? h('a.button.primary', { href: '#/releases/new' }, 'New release') : null,
  });
}

export async function create(main, ctx) {
  const pipelines = await get('/pipelines', { limit: 200 }, { signal: ctx.signal });
  const errors = h('div');
  const form = h('form.panel', { novalidate: true },
    h('div.row',
      field('Name', 'input', { name: 'name', required: true, maxlength: 200 }),
      field('Version', 'input', { name: 'version', required: true, maxlength: 100, placeholder: '2.0.1' })),
    field('Notes', 'textarea', { name: 'notes', maxlength: 10000 }),
    h('fieldset', h('legend', 'Pipelines that deploy it'),
      pipelines.items.length ? pipelines.items.map((p) => h('label.check',
        h('input', { type: 'checkbox', name: 'pipeline', value: p.id }), p.name))
        : h('p.muted', 'No pipelines yet: create one first.')),
    errors,
    h('div.form-actions', h('button.primary', { type: 'submit' }, 'Create release'), h('a.button', { href: '#/releases' }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      name: form.elements.name.value.trim(),
      version: form.elements.version.value.trim(),
      notes: form.elements.notes.value.trim() || undefined,
      pipeline_ids: [...form.querySelectorAll('input[name=pipeline]:checked')].map((input) => input.value),
    };
    await act(form.querySelector('button[type=submit]'), errors, async () => {
      const created = await post('/releases', body);
      toast(`Release ${created.name} ${created.version} created`);
      ctx.navigate(`#/releases/${created.id}`);
    });
  });
  clear(main, pageHeader('New release'), form);
}

export async function detail(main, ctx) {
  const canWrite = roles.canWrite(ctx.session);
  const id = ctx.params.id;
  const errors = h('div');
  const stagesPlace = h('div');
  const statusPlace = h('span');
  const deploymentsPlace = h('div');
  let release = await get(`/releases/${id}`, {}, { signal: ctx.signal });
  const mayDecide = canWrite && release.created_by !== ctx.session.user?.id;

  let shown = '';
  /** reads the release again; a periodic read leaves the page alone while it is unchanged or a comment is typed */
  async function refresh(periodic = false) {
    const [fresh, page] = await Promise.all([
      get(`/releases/${id}`, {}, { signal: ctx.signal }),
      get(`/releases/${id}/deployments`, { limit: 50 }, { signal: ctx.signal }),
    ]);
    // a list shows no pipelines or approvals: the three newest deployments are read on their own for them
    const deployments = {
      items: await Promise.all(page.items.map((d, i) => (i < 3
        ? get(`/deployments/${d.id}`, {}, { signal: ctx.signal }) : d))),
    };
    const state = JSON.stringify([fresh, deployments.items]);
    const typing = [...deploymentsPlace.querySelectorAll('input')].some((i) => i.value || i === document.activeElement);
    if (periodic && (state === shown || typing)) return;
    shown = state;
    release = fresh;
    clear(statusPlace, badge(release.status));
    clear(stagesPlace, h('div.stages', release.stages.map((stage) => stageCard(stage))));
    clear(deploymentsPlace, deployments.items.length
      ? h('div', deployments.items.map((d) => deploymentPanel(d)))
      : emptyState(canWrite ? 'Not deployed yet. Deploy it to the first environment above.' : 'Not deployed yet.'));
  }

  function stageCard(stage) {
    const busy = ['running', 'awaiting_approval'].includes(stage.status);
    const deploy = canWrite && stage.promotable && !busy && !stage.frozen
      ? h('button.primary', {
        type: 'button',
        onclick: (e) => act(e.currentTarget, errors, async () => {
          await post(`/releases/${id}/deployments`, { environment_id: stage.environment_id });
          toast(`Deploying to ${stage.environment_name}`);
          await refresh();
        }),
      }, stage.status === 'not_deployed' ? `Deploy to ${stage.environment_name}` : `Redeploy to ${stage.environment_name}`)
      : null;
    return h('section.stage', { dataset: { environment: stage.environment_name }, 'aria-label': stage.environment_name },
      h('h3', stage.environment_name), badge(stage.status),
      h('small.muted', stage.required_approvals ? `${stage.required_approvals} approval(s) required` : 'no approval needed'),
      stage.frozen ? h('small', badge('frozen')) : null,
      stage.finished_at ? h('small.muted', 'finished ', time(stage.finished_at)) : null,
      h('div.actions', deploy));
  }

  function deploymentPanel(d) {
    const comment = h('input', { name: 'comment', 'aria-label': `Comment on the deployment to ${d.environment_name}`, placeholder: 'Comment' });
    const decide = (decision) => (e) => act(e.currentTarget, errors, async () => {
      const text = comment.value.trim();
      await post(`/deployments/${d.id}/${decision}`, text || decision === 'reject' ? { comment: text } : {});
      toast(decision === 'approve' ? 'Approved' : 'Rejected');
      await refresh();
    });
    const awaiting = d.status === 'awaiting_approval';
    const decided = (d.approvals ?? []).some((a) => a.user_id === ctx.session.user?.id);
    return h('section.panel', { dataset: { deployment: d.id, environment: d.environment_name } },
      h('div.page-header', h('h3', `${d.environment_name} `, badge(d.status)),
        h('small.muted', 'requested ', time(d.created_at), d.duration_ms ? ` · ${duration(d.duration_ms)}` : ''),
        canWrite && ['awaiting_approval', 'running'].includes(d.status) ? h('div.actions', h('button.danger', {
          type: 'button',
          onclick: (e) => act(e.currentTarget, errors, async () => { await post(`/deployments/${d.id}/cancel`); await refresh(); }),
        }, 'Cancel deployment')) : null),
      d.reason ? h('p.muted', String(d.reason).replaceAll('_', ' ')) : null,
      awaiting ? h('p', `${d.approvals_given ?? 0} of ${d.required_approvals} approval(s)`) : null,
      (d.approvals ?? []).length ? h('ul', d.approvals.map((a) => h('li', badge(a.decision), ' ',
        a.user_id === ctx.session.user?.id ? 'you' : 'a member', a.comment ? `: “${a.comment}”` : '', ' ', time(a.created_at)))) : null,
      (d.pipelines ?? []).length ? h('ul', d.pipelines.map((p) => h('li', p.execution_id
        ? link(`#/executions/${p.execution_id}`, p.name) : p.name, ' ', badge(p.status ?? 'pending')))) : null,
      awaiting && mayDecide && !decided ? h('div.toolbar', comment,
        h('button.primary', { type: 'button', onclick: decide('approve') }, 'Approve'),
        h('button.danger', { type: 'button', onclick: decide('reject') }, 'Reject')) : null,
      awaiting && canWrite && !mayDecide ? h('p.muted', 'You created this release: another member approves it.') : null);
  }

  clear(main,
    pageHeader(`${release.name} ${release.version}`, statusPlace),
    errors,
    h('div.panel', h('dl.facts',
      h('dt', 'Pipelines'), h('dd', release.pipelines.map((p) => h('div', link(`#/pipelines/${p.pipeline_id}`, p.name)))),
      h('dt', 'Created'), h('dd', time(release.created_at)),
      release.notes ? [h('dt', 'Notes'), h('dd', release.notes)] : null,
      release.artifacts?.length ? [h('dt', 'Artifacts'), h('dd', release.artifacts.map((a) => h('div', h('code', a.name))))] : null)),
    h('h2', 'Stages'), stagesPlace,
    h('h2', 'Deployments'), deploymentsPlace);
  await refresh();
  // every 4 s while a stage deploys or awaits approval, else every 30 s (others may deploy meanwhile)
  let idle = 0;
  ctx.every(4000, () => {
    const busy = release.stages.some((stage) => ['running', 'awaiting_approval'].includes(stage.status));
    idle = busy ? 0 : idle + 1;
    if (busy || idle % 8 === 0) refresh(true).catch(() => {});
  });
}
