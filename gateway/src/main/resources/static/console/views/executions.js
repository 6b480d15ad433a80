import { api, get, post } from '../api.js';
import { roles } from '../session.js';
import { act, badge, clear, duration, h, link, pageHeader, time, toast } from '../ui.js';

const FINISHED = ['succeeded', 'failed', 'cancelled', 'timed_out'];

export async function render(main, ctx) {
  const canWrite = roles.canWrite(ctx.session);
  let execution = await get(`/executions/${ctx.params.id}`, {}, { signal: ctx.signal });
  const errors = h('div');
  const status = h('span', badge(execution.status));
  const facts = h('div');
  const logs = execution.steps.map((step) => new StepLog(execution.id, step, ctx.signal));
  const steps = h('ol.steps', logs.map((log) => log.element));
  const cancel = h('button.danger', {
    type: 'button',
    onclick: (e) => act(e.currentTarget, errors, async () => { await post(`/executions/${execution.id}/cancel`); toast('Cancel requested'); }),
  }, 'Cancel');
  const retry = h('button', {
    type: 'button',
    onclick: (e) => act(e.currentTarget, errors, async () => {
      const again = await post(`/executions/${execution.id}/retry`);
      ctx.navigate(`#/executions/${again.id}`);
    }),
  }, 'Retry');

  function update() {
    status.replaceChildren(badge(execution.status));
    cancel.hidden = !canWrite || FINISHED.includes(execution.status) || execution.cancel_requested;
    retry.hidden = !canWrite || !FINISHED.includes(execution.status);
    clear(facts, h('dl.facts',
      h('dt', 'Pipeline'), h('dd', link(`#/pipelines/${execution.pipeline_id}`, execution.pipeline_name ?? 'pipeline')),
      h('dt', 'Status'), h('dd', badge(execution.status), execution.reason ? ` ${String(execution.reason).replaceAll('_', ' ')}` : ''),
      h('dt', 'Queued'), h('dd', time(execution.created_at)),
      h('dt', 'Started'), h('dd', time(execution.started_at)),
      h('dt', 'Duration'), h('dd', duration(execution.duration_ms)),
      execution.parameters && Object.keys(execution.parameters).length ? [h('dt', 'Parameters'),
        h('dd', Object.entries(execution.parameters).map(([k, v]) => h('div', h('code', `${k}=${v}`))))] : null));
    execution.steps.forEach((step, i) => logs[i].update(step));
  }

  clear(main, pageHeader(`${execution.pipeline_name ?? 'Execution'} #${execution.number}`, status, cancel, retry),
    errors, h('div.panel', facts), h('h2', 'Steps'), steps);
  update();
  await Promise.all(logs.map((log) => log.follow()));

  // while it runs: its state every 2 s, and the log of every step that has output
  ctx.every(2000, async () => {
    if (FINISHED.includes(execution.status) && logs.every((log) => log.complete)) return;
    try {
      execution = await get(`/executions/${execution.id}`, {}, { signal: ctx.signal });
      update();
      await Promise.all(logs.map((log) => log.follow()));
    } catch (error) {
      if (error.name !== 'AbortError') errors.replaceChildren(h('div.alert.error', error.title));
    }
  });
}

/** One step: its status line and its log, read from where the last read ended until the step is complete. */
class StepLog {
  constructor(executionId, step, signal) {
    this.url = `/executions/${executionId}/steps/${step.index}/log`;
    this.signal = signal;
    this.offset = 0;
    this.complete = false;
    this.status = h('span');
    this.meta = h('span.meta');
    this.pre = h('pre.log', { tabindex: '0', 'aria-label': `Log of ${step.name}` });
    this.element = h('li', { dataset: { step: String(step.index) } },
      h('details', { open: true }, h('summary', this.status, h('span.name', step.name), this.meta), this.pre));
    this.update(step);
  }

  update(step) {
    this.step = step;
    this.status.replaceChildren(badge(step.status));
    this.meta.textContent = [step.exit_code !== undefined && step.exit_code !== null ? `exit ${step.exit_code}` : null,
      step.duration_ms !== undefined && step.duration_ms !== null ? duration(step.duration_ms) : null].filter(Boolean).join(' · ');
  }

  async follow() {
    if (this.complete || this.step.status === 'pending') return;
    for (;;) {
      const response = await api(this.url, {
        query: { offset: this.offset }, raw: true, signal: this.signal, accept: 'text/plain',
      });
      const text = await response.text();
      const atBottom = this.pre.scrollTop + this.pre.clientHeight >= this.pre.scrollHeight - 8;
      if (text) this.pre.append(text);
      if (atBottom) this.pre.scrollTop = this.pre.scrollHeight;
      const next = Number(response.headers.get('X-Log-Next-Offset'));
      const advanced = Number.isFinite(next) && next > this.offset;
      if (Number.isFinite(next)) this.offset = next;
      this.complete = response.headers.get('X-Log-Complete') === 'true';
      if (this.complete || !advanced) {
        if (this.complete && !this.pre.textContent) this.pre.textContent = '(no output)';
        return;
      }
    }
  }
}
