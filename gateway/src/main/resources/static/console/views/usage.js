import { get } from '../api.js';
import { clear, emptyState, errorBox, h, pageHeader, select, table } from '../ui.js';

const PERIODS = [['7', 'Last 7 days'], ['30', 'Last 30 days'], ['month', 'This month'], ['last-month', 'Last month'],
  ['custom', 'Dates…']];

function range(period, from, to) {
  const now = new Date();
  if (period === 'month') return [new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), now];
  if (period === 'last-month') {
    return [new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)),
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))];
  }
  if (period === 'custom') return [new Date(`${from}T00:00:00Z`), new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000)];
  return [new Date(now.getTime() - Number(period) * 86_400_000), now];
}

function quantity(value, unit) {
  const number = Number(value);
  return `${number.toLocaleString(undefined, { maximumFractionDigits: 2 })} ${unit}${number === 1 ? '' : 's'}`;
}

export async function render(main, ctx) {
  const period = select('period', PERIODS, '30', { id: 'usage-period' });
  const today = new Date().toISOString().slice(0, 10);
  const from = h('input', { type: 'date', name: 'from', id: 'usage-from', value: today, max: today });
  const to = h('input', { type: 'date', name: 'to', id: 'usage-to', value: today, max: today });
  const dates = h('div.toolbar', h('div.field', h('label', { for: 'usage-from' }, 'From'), from),
    h('div.field', h('label', { for: 'usage-to' }, 'To (inclusive)'), to));
  const form = h('form.toolbar', h('div.field', h('label', { for: 'usage-period' }, 'Period'), period), dates,
    h('button', { type: 'submit' }, 'Show'));
  const result = h('div');

  async function show() {
    dates.hidden = period.value !== 'custom';
    const [start, end] = range(period.value, from.value, to.value);
    try {
      const usage = await get('/usage', { from: start.toISOString(), to: end.toISOString() }, { signal: ctx.signal });
      clear(result,
        h('p.muted', `From ${new Date(usage.from).toUTCString()} to ${new Date(usage.to).toUTCString()}`),
        usage.meters.length ? table(['Meter', 'Total', 'Windows'], usage.meters.map((m) => h('tr', { dataset: { meter: m.meter } },
          h('td', m.meter.replaceAll('_', ' ')), h('td', quantity(m.quantity, m.unit)), h('td', String(m.windows)))), 'Usage by meter')
          : emptyState('No usage in this period.'));
    } catch (error) {
      if (error.name !== 'AbortError') clear(result, errorBox(error));
    }
  }

  period.addEventListener('change', () => { dates.hidden = period.value !== 'custom'; if (period.value !== 'custom') show(); });
  form.addEventListener('submit', (event) => { event.preventDefault(); show(); });
  clear(main, pageHeader('Usage'), h('p', 'What this customer used, as billing receives it: build minutes, agent minutes, deployments and API requests.'),
    form, result);
  await show();
}
