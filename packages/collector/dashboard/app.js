// The collector's dashboard: plain JavaScript served as is (no build step),
// reading the collector's own /v1 routes and drawing with uPlot.
//
// Everything shown from the data (tag values, metric and stage names) arrives
// from whoever can send beacons, so it is written with textContent only; the
// page's Content-Security-Policy backs that up.

/* global uPlot */

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
const PERCENTILE_COLORS = { p50: '#2563eb', p95: '#ea580c', p99: '#dc2626' };
const REFRESH_MS = 15_000;

const form = document.getElementById('controls');
const statusLine = document.getElementById('status');
const charts = new Map();

/** The view, kept in the address bar so a view can be shared. */
function readState() {
  const params = new URLSearchParams(location.search);
  return {
    metric: params.get('metric') ?? '',
    range: params.get('range') ?? '24h',
    groupBy: params.get('group_by') ?? '',
    where: params.getAll('where'),
  };
}

function writeState(state) {
  const params = new URLSearchParams();
  params.set('metric', state.metric);
  params.set('range', state.range);
  if (state.groupBy !== '') params.set('group_by', state.groupBy);
  for (const clause of state.where) params.append('where', clause);
  history.replaceState(null, '', `?${params}`);
}

async function api(path, params = {}) {
  const url = new URL(`./v1/${path}`, location.href);
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== '') url.searchParams.append(key, item);
  }
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error?.message ?? `${path} answered ${response.status}`);
  return body;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

function option(value, label = value) {
  const node = element('option', label);
  node.value = value;
  return node;
}

/** Durations read as ms; counts and rates as plain numbers. */
function unitOf(metric) {
  return /(_ms$|^stage:|^breach:|^(INP|LCP|FCP|TTFB)$)/.test(metric) ? 'ms' : '';
}

function format(value, unit) {
  if (value === null || value === undefined) return '–';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toLocaleString('en', { maximumFractionDigits: digits });
  return unit === '' ? text : `${text} ${unit}`;
}

function groupLabel(tags) {
  const entries = Object.entries(tags);
  return entries.length === 0
    ? 'all'
    : entries.map(([key, value]) => `${key}=${value ?? '(none)'}`).join(', ');
}

function fillControls(catalog, state) {
  const metrics = catalog.metrics.filter((name) => !name.startsWith('stage:') && !name.startsWith('breach:'));
  if (state.metric === '' || !catalog.metrics.includes(state.metric))
    state.metric = metrics.includes('ttfp_ms') ? 'ttfp_ms' : (metrics[0] ?? 'ttfp_ms');
  form.metric.replaceChildren(...metrics.map((name) => option(name)));
  if (!metrics.includes(state.metric)) form.metric.append(option(state.metric));
  form.metric.value = state.metric;
  form.range.value = state.range;
  const keys = Object.keys(catalog.tags).sort();
  form.group_by.replaceChildren(option('', '(none)'), ...keys.map((key) => option(key)));
  form.group_by.value = state.groupBy;
  form.where_key.replaceChildren(...keys.map((key) => option(key)));
  const fillValues = () =>
    form.where_value.replaceChildren(
      ...(catalog.tags[form.where_key.value] ?? []).map((value) => option(value)),
    );
  form.where_key.onchange = fillValues;
  fillValues();
  renderFilters(state);
}

function renderFilters(state) {
  const chips = state.where.map((clause, i) => {
    const chip = element('button', `${clause} ×`, 'chip');
    chip.type = 'button';
    chip.title = 'Remove this filter';
    chip.onclick = () => {
      state.where.splice(i, 1);
      refresh(state);
    };
    return chip;
  });
  document.getElementById('filters').replaceChildren(...chips);
}

function renderSummary(stats) {
  const unit = unitOf(stats.metric);
  const rows = stats.groups.map((group) => {
    const row = element('tr');
    row.append(element('th', groupLabel(group.tags)), element('td', group.count.toLocaleString('en')));
    for (const key of ['p50', 'p75', 'p95', 'p99', 'max'])
      row.append(element('td', format(group[key], unit)));
    return row;
  });
  document.querySelector('[data-panel="summary"] tbody').replaceChildren(...rows);
  document.getElementById('accuracy').textContent =
    `each percentile within ${stats.relative_accuracy * 100} % of the exact value`;
}

/** Replaces the uPlot chart of a panel (sized to its container). */
function chart(panel, options, data) {
  charts.get(panel)?.destroy();
  const container = document.querySelector(`[data-panel="${panel}"] .chart`);
  container.replaceChildren();
  if (data[0].length === 0) {
    container.append(element('p', 'No data in this window.', 'empty'));
    charts.delete(panel);
    return;
  }
  const width = Math.max(320, container.clientWidth);
  charts.set(panel, new uPlot({ width, height: 260, ...options }, data, container));
}

function renderSeries(series) {
  const unit = unitOf(series.metric);
  const times = [...new Set(series.groups.flatMap((group) => group.points.map((point) => point.t)))].sort(
    (a, b) => a - b,
  );
  const at = (group, key) => {
    const byTime = new Map(group.points.map((point) => [point.t, point[key]]));
    return times.map((t) => byTime.get(t) ?? null);
  };
  let lines;
  let data;
  if (series.groups.length === 1 && series.group_by.length === 0) {
    const [group] = series.groups;
    lines = ['p50', 'p95', 'p99'].map((key) => ({ label: key, stroke: PERCENTILE_COLORS[key], width: 2 }));
    data = ['p50', 'p95', 'p99'].map((key) => at(group, key));
  } else {
    // One line per group, at p95: the figure a latency budget is usually set on.
    const groups = series.groups.slice(0, COLORS.length);
    lines = groups.map((group, i) => ({
      label: `${groupLabel(group.tags)} p95`,
      stroke: COLORS[i],
      width: 2,
    }));
    data = groups.map((group) => at(group, 'p95'));
  }
  chart(
    'series',
    {
      series: [{}, ...lines.map((line) => ({ ...line, spanGaps: false, value: (_u, v) => format(v, unit) }))],
      axes: [{}, { label: unit, size: 60 }],
      // The axis spans the window asked for, however few points it holds.
      scales: { x: { time: true, range: () => [series.from / 1000, series.to / 1000] } },
    },
    [times.map((t) => t / 1000), ...data],
  );
}

function renderHistogram(stats) {
  const unit = unitOf(stats.metric);
  const merged = new Map();
  for (const group of stats.groups)
    for (const bucket of group.histogram) merged.set(bucket.le, (merged.get(bucket.le) ?? 0) + bucket.count);
  const buckets = [...merged.entries()].sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity));
  const labels = buckets.map(([le]) => (le === null ? '+Inf' : `≤ ${format(le, unit)}`));
  const indexes = buckets.map((_, i) => i);
  chart(
    'histogram',
    {
      series: [
        { value: (_u, i) => labels[i] ?? '' },
        { label: 'answers', fill: '#93c5fd', stroke: '#2563eb', paths: uPlot.paths.bars({ size: [0.85] }) },
      ],
      axes: [
        { splits: () => indexes, values: (_u, ticks) => ticks.map((i) => labels[i] ?? '') },
        { size: 60 },
      ],
      scales: {
        // Ordinal buckets, half a bar of room at each end; counts from zero.
        x: { time: false, range: () => [-0.5, buckets.length - 0.5] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
      },
    },
    [indexes, buckets.map(([, count]) => count)],
  );
}

function renderStages(report) {
  const list = document.querySelector('[data-panel="stages"] .waterfall');
  // The waterfall shows every group merged: one row per stage.
  const stages = new Map();
  for (const row of report.stages) {
    const known = stages.get(row.stage);
    if (known === undefined || row.count > known.count) stages.set(row.stage, row);
  }
  if (stages.size === 0) {
    list.replaceChildren(element('li', 'No stages reported in this window.', 'empty'));
    return;
  }
  const longest = Math.max(...[...stages.values()].map((row) => row.p95 ?? 0), 1);
  list.replaceChildren(
    ...[...stages.values()].map((row) => {
      const item = element('li');
      const bar = element('span', undefined, 'bar');
      const p95 = element('span', undefined, 'p95');
      p95.style.width = `${(100 * (row.p95 ?? 0)) / longest}%`;
      const p50 = element('span', undefined, 'p50');
      p50.style.width = `${(100 * (row.p50 ?? 0)) / longest}%`;
      bar.append(p95, p50);
      item.append(
        element('span', row.stage, 'name'),
        bar,
        element('span', `${format(row.p50, 'ms')} · p95 ${format(row.p95, 'ms')}`, 'figure'),
      );
      return item;
    }),
  );
}

function renderBreaches(report) {
  const rows = report.budgets.map((budget) => {
    const row = element('tr');
    const name = groupLabel(budget.tags);
    row.append(
      element('th', name === 'all' ? budget.budget : `${budget.budget} (${name})`),
      element('td', budget.count.toLocaleString('en')),
      element('td', format(budget.p50, 'ms')),
      element('td', format(budget.max, 'ms')),
    );
    return row;
  });
  if (rows.length === 0) {
    const row = element('tr');
    const cell = element('td', 'No answer went over a budget in this window.', 'empty');
    cell.colSpan = 4;
    row.append(cell);
    rows.push(row);
  }
  document.querySelector('[data-panel="breaches"] tbody').replaceChildren(...rows);
}

let timer;
async function refresh(state) {
  clearTimeout(timer);
  document.body.dataset.state = 'loading';
  try {
    const catalog = await api('catalog');
    fillControls(catalog, state);
    writeState(state);
    const common = { from: `-${state.range}`, where: state.where };
    const grouped = { ...common, group_by: state.groupBy };
    const [stats, series, stages, breaches] = await Promise.all([
      api('stats', { ...grouped, metric: state.metric }),
      api('series', { ...grouped, metric: state.metric }),
      api('stages', common),
      api('breaches', common),
    ]);
    renderSummary(stats);
    renderSeries(series);
    renderHistogram(stats);
    renderStages(stages);
    renderBreaches(breaches);
    const total = stats.groups.reduce((n, group) => n + group.count, 0);
    statusLine.textContent =
      total === 0
        ? 'No beacons in this window yet: the tokenpaint reporter posts them to /v1/beacon.'
        : `${total.toLocaleString('en')} answers · updated ${new Date().toLocaleTimeString('en')}`;
    document.body.dataset.state = 'ready';
  } catch (error) {
    statusLine.textContent = `Could not load: ${error.message}`;
    document.body.dataset.state = 'error';
  }
  timer = setTimeout(() => refresh(state), REFRESH_MS);
}

const state = readState();
form.addEventListener('change', (event) => {
  if (event.target.name === 'where_key' || event.target.name === 'where_value') return;
  state.metric = form.metric.value;
  state.range = form.range.value;
  state.groupBy = form.group_by.value;
  refresh(state);
});
document.getElementById('add-filter').addEventListener('click', () => {
  const clause = `${form.where_key.value}:${form.where_value.value}`;
  if (form.where_key.value !== '' && !state.where.includes(clause)) state.where.push(clause);
  refresh(state);
});
window.addEventListener('resize', () => refresh(state));
refresh(state);
