// The operator's dashboard: one district's status, live from the gateway's server-sent events, drawn with uPlot.
// Everything comes from this gateway (no CDN). The bearer token the operator pastes stays in sessionStorage and goes
// with every fetch as "Authorization: Bearer"; EventSource cannot send headers, so the event stream gets it as
// ?access_token=. window.semsDashboard exposes what the page shows (status, chart series) for tests.
'use strict';

(() => {
  const TOKEN_KEY = 'sems.dashboard.token';
  const DISTRICT_KEY = 'sems.dashboard.district';
  // The gateway sends a heartbeat after 15 s without events; three missed in a row means the stream is gone.
  const SILENCE_MS = 45000;
  const RECONNECT_MS = 5000;
  const FG = '#ffffff';
  const GRID = '#3a4654';
  const LIMIT = '#ffffff';
  const AFTER = '#00d5ff';
  const BEFORE = '#ffb000';
  const EXCESS = 'rgba(255, 40, 40, 0.8)';
  const PALETTE = ['#00d5ff', '#ff6ec7', '#7cfc00', '#ffd700', '#ff8c00', '#c4a7ff', '#40e0d0', '#ff7f7f'];

  const $ = (id) => document.getElementById(id);

  const state = {
    token: sessionStorage.getItem(TOKEN_KEY) || '',
    districts: [],
    district: null,
    source: null,
    connection: 'disconnected',
    reason: 'not connected yet',
    status: null,
    view: null,
    lastEventId: null,
    lastHeard: 0,
    lastUpdate: null,
    events: 0,
    viewRequest: 0,
    reconnectTimer: null,
    plots: {},
    legends: {},
  };

  // ---- formatting: every number with its unit ------------------------------------------------------------------

  const fmt = (value, digits = 1) => {
    const v = Number(value);
    if (value === null || value === undefined || Number.isNaN(v)) return '—';
    if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
    return v.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  };
  const withUnit = (value, unit, digits = 1) => {
    const text = fmt(value, digits);
    return text === '—' || !unit ? text : `${text} ${unit}`;
  };
  const pad = (n) => String(n).padStart(2, '0');
  const utcTime = (date, seconds = false) =>
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}${seconds ? ':' + pad(date.getUTCSeconds()) : ''}`;
  const utcDateTime = (date) =>
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${utcTime(date)}`;
  const parseTime = (text) => (text ? new Date(text) : null);
  const durationSeconds = (text) => (typeof text === 'string' && text.endsWith('s') ? Number(text.slice(0, -1)) : Number(text) || 0);
  const int = (value) => (value === undefined || value === null || value === '' ? null : Number(value));

  // Sets a figure's text; the unit after it is hidden while there is no number to go with it.
  function setText(id, text) {
    const el = $(id);
    el.textContent = text;
    const unit = el.nextElementSibling;
    if (unit && unit.classList.contains('unit')) unit.hidden = text === '—' || text === 'none';
  }

  function showMessage(text) {
    const el = $('message');
    el.hidden = !text;
    el.textContent = text || '';
  }

  // ---- credentials ------------------------------------------------------------------------------------------------

  function tokenClaims(token) {
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload + '='.repeat((4 - (payload.length % 4)) % 4)));
    } catch {
      return null;
    }
  }

  function showWho() {
    if (!state.token) {
      setText('who', 'no token (works only in insecure development mode)');
      return;
    }
    const claims = tokenClaims(state.token);
    if (!claims) {
      setText('who', 'token set (not readable as a JWT)');
      return;
    }
    const expires = claims.exp ? `, expires ${utcDateTime(new Date(claims.exp * 1000))} UTC` : '';
    setText('who', `token of ${claims.sub || '?'}${expires}`);
  }

  function headers() {
    return state.token ? { Authorization: `Bearer ${state.token}` } : {};
  }

  async function api(path) {
    const response = await fetch(path, { headers: headers(), cache: 'no-store' });
    let body = null;
    const type = response.headers.get('content-type') || '';
    if (type.includes('json')) body = await response.json();
    return { ok: response.ok, status: response.status, body };
  }

  function refusal(result, what) {
    const detail = result.body && (result.body.detail || result.body.title);
    if (result.status === 401) return `${what}: the gateway needs a valid bearer token${detail ? ` (${detail})` : ''}; paste one from "sems token"`;
    if (result.status === 403) return `${what}: refused${detail ? `: ${detail}` : ''}`;
    return `${what}: HTTP ${result.status}${detail ? `: ${detail}` : ''}`;
  }

  // ---- districts --------------------------------------------------------------------------------------------------

  async function listDistricts() {
    // The REST mirror's list when the gateway has it, else the dashboard's own route.
    let result = await api('/api/v1/districts');
    if (result.status === 404 || result.status === 405 || (result.ok && !result.body)) result = await api('/api/v1/dashboard/districts');
    if (!result.ok) throw new Error(refusal(result, 'Listing districts'));
    const items = (result.body && (result.body.districts || result.body.items)) || [];
    return items
      .map((d) => (typeof d === 'string' ? { name: d, title: '' } : { name: d.district || d.name || '', title: d.title || '' }))
      .filter((d) => d.name);
  }

  async function loadDistricts() {
    try {
      state.districts = await listDistricts();
    } catch (e) {
      disconnect(e.message);
      showMessage(e.message);
      return;
    }

    const select = $('district');
    select.replaceChildren();
    for (const d of state.districts) {
      const option = document.createElement('option');
      option.value = d.name;
      option.textContent = d.title && d.title !== d.name ? `${d.name} — ${d.title}` : d.name;
      select.append(option);
    }
    if (state.districts.length === 0) {
      disconnect('no district is visible to this token');
      showMessage('No district is visible to this token: load one (sems serve FILE, or PutDistrict) or use a token for its district.');
      return;
    }
    showMessage('');
    const fromHash = new URLSearchParams(location.hash.slice(1)).get('district');
    const remembered = sessionStorage.getItem(DISTRICT_KEY);
    const names = state.districts.map((d) => d.name);
    const chosen = [fromHash, remembered].find((n) => n && names.includes(n)) || names[0];
    select.value = chosen;
    choose(chosen);
  }

  function choose(district) {
    state.district = district;
    sessionStorage.setItem(DISTRICT_KEY, district);
    state.status = null;
    state.view = null;
    state.lastEventId = null;
    renderStatus(null);
    renderView(null);
    connect();
  }

  // ---- the live stream --------------------------------------------------------------------------------------------

  function setConnection(connection, reason) {
    state.connection = connection;
    state.reason = reason || '';
    const el = $('connection');
    el.className = `connection ${connection}`;
    el.textContent = connection === 'live' ? 'LIVE' : connection === 'connecting' ? 'CONNECTING…' : 'DISCONNECTED';
    el.title = state.reason;
  }

  function disconnect(reason) {
    if (state.source) state.source.close();
    state.source = null;
    setConnection('disconnected', reason);
  }

  function connect() {
    clearTimeout(state.reconnectTimer);
    if (state.source) state.source.close();
    if (!state.district) return;
    const query = state.token ? `?access_token=${encodeURIComponent(state.token)}` : '';
    const source = new EventSource(`/api/v1/districts/${encodeURIComponent(state.district)}/events${query}`);
    state.source = source;
    setConnection('connecting', 'opening the event stream');
    source.onopen = () => {
      if (state.source !== source) return;
      state.lastHeard = Date.now();
      setConnection('live', 'receiving events');
    };
    source.onmessage = (message) => {
      if (state.source === source) onEvent(message);
    };
    source.addEventListener('problem', (message) => {
      if (state.source !== source) return;
      const problem = JSON.parse(message.data);
      disconnect(problem.detail);
      showMessage(`The event stream was refused: ${problem.detail}`);
    });
    source.onerror = async () => {
      if (state.source !== source) return;
      if (source.readyState === EventSource.CONNECTING) {
        setConnection('disconnected', 'the stream dropped; the browser is reconnecting');
        return;
      }
      // Closed for good (a refusal or an unreachable gateway): find out why, then try again later.
      disconnect('the gateway refused the stream or cannot be reached');
      try {
        const probe = await api(`/api/v1/districts/${encodeURIComponent(state.district)}/dashboard`);
        if (!probe.ok) showMessage(refusal(probe, 'The event stream'));
        if (probe.status === 401 || probe.status === 403) return;
      } catch {
        showMessage('The gateway cannot be reached; retrying.');
      }
      state.reconnectTimer = setTimeout(connect, RECONNECT_MS);
    };
  }

  function onEvent(message) {
    state.lastHeard = Date.now();
    state.events += 1;
    if (message.lastEventId) state.lastEventId = message.lastEventId;
    if (state.connection !== 'live') setConnection('live', 'receiving events');
    const event = JSON.parse(message.data);
    if (event.kind === 'HEARTBEAT') {
      setText('last-heard', `heartbeat ${utcTime(new Date(), true)} UTC`);
      return;
    }
    if (event.kind === 'GAP') {
      showMessage(`Missed events ${event.firstMissedSequence}–${event.lastMissedSequence} (no longer kept); the next status is complete.`);
      return;
    }
    state.lastUpdate = new Date();
    setText('last-update', `${utcTime(state.lastUpdate, true)} UTC`);
    setText('last-heard', `${event.kind.toLowerCase().replace('_', ' ')} event #${event.sequence}`);
    if (event.status) {
      state.status = event.status;
      renderStatus(event.status);
    } else if (event.kind === 'SNAPSHOT') {
      renderStatus(null, 'no cycle has run yet: the first status follows the first cycle');
    }
    refreshView();
  }

  // A stream that says nothing for longer than three heartbeats is not live, whatever the socket thinks.
  setInterval(() => {
    if (state.connection === 'live' && Date.now() - state.lastHeard > SILENCE_MS) {
      setConnection('disconnected', 'no event or heartbeat for 45 s');
    }
  }, 1000);

  // ---- charts -----------------------------------------------------------------------------------------------------

  // Axes: white ticks and labels on a dark grid; the label names the quantity and its unit.
  const axis = (label) => ({
    label,
    stroke: FG,
    font: '16px "DejaVu Sans", Arial, sans-serif',
    labelFont: 'bold 16px "DejaVu Sans", Arial, sans-serif',
    grid: { stroke: GRID, width: 1 },
    ticks: { stroke: GRID, width: 1 },
    size: 60,
    labelSize: 28,
  });

  function chartWidth(el) {
    return Math.max(480, el.clientWidth || el.parentElement.clientWidth - 32);
  }

  function yRange(u, min, max) {
    const low = Math.min(0, min);
    const high = Math.max(max, 1);
    return [low < 0 ? low * 1.1 : 0, high * 1.12];
  }

  // series: [{label, values, color, dash, perStep, width, hidden, points, spanGaps, now}]; perStep series are drawn as
  // steps (a value holds until the next), the others as lines through their points. A value array built by stepped()
  // carries repeatedTail.
  function draw(name, x, series, yLabel = 'draw (kW)', bands = []) {
    const el = $(`chart-${name}`);
    if (state.plots[name]) state.plots[name].destroy();
    delete state.plots[name];
    el.replaceChildren();
    if (!x || x.length === 0 || series.length === 0) {
      state.legends[name] = [];
      $(`legend-${name}`).replaceChildren();
      return;
    }
    const steps = uPlot.paths.stepped({ align: 1 });
    const opts = {
      width: chartWidth(el),
      height: 330,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
      legend: { show: false },
      cursor: { show: false },
      select: { show: false },
      scales: { x: { time: true }, y: { range: yRange } },
      axes: [{ ...axis('time (UTC)'), values: (u, splits) => splits.map((ts) => utcTime(new Date(ts * 1000))) }, axis(yLabel)],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.hidden ? 'transparent' : s.color,
          width: s.width || 2,
          dash: s.dash,
          spanGaps: !!s.spanGaps,
          points: { show: !!s.points, size: 7, fill: s.color, stroke: s.color },
          paths: s.perStep ? steps : undefined,
        })),
      ],
      bands,
    };
    const data = [x, ...series.map((s) => s.values)];
    state.plots[name] = new uPlot(opts, data, el);
    state.legends[name] = series;
    legend(name, series.filter((s) => !s.hidden));
  }

  function legend(name, series, extra = []) {
    const list = $(`legend-${name}`);
    list.replaceChildren();
    for (const s of [...series, ...extra]) {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = `swatch${s.area ? ' area' : s.dash ? (s.dash[0] <= 3 ? ' dotted' : ' dashed') : ''}`;
      if (s.area) swatch.style.background = s.color;
      else swatch.style.borderTopColor = s.color;
      const label = document.createElement('span');
      label.textContent = s.label;
      item.append(swatch, label);
      if (s.now) {
        const now = document.createElement('span');
        now.className = 'now';
        now.textContent = s.now;
        item.append(now);
      }
      list.append(item);
    }
  }

  // Per-step values (N) as N+1 points for a stepped line: the last value holds to the end of the horizon.
  const stepped = (values, n) => {
    const out = [];
    for (let i = 0; i < n; i++) out.push(i < values.length && values[i] !== null && Number.isFinite(Number(values[i])) ? Number(values[i]) : null);
    out.push(out.length ? out[out.length - 1] : null);
    out.repeatedTail = true;
    return out;
  };

  function horizonX(startText, stepSeconds, n) {
    const start = parseTime(startText);
    if (!start || !stepSeconds) return [];
    const t0 = start.getTime() / 1000;
    return Array.from({ length: n + 1 }, (_, i) => t0 + i * stepSeconds);
  }

  // ---- rendering the status ---------------------------------------------------------------------------------------

  const COMPLIANCE = {
    COMPLIANT: ['COMPLIANT', 'compliant', 'the plan keeps the limit with at least 5 % headroom at every step'],
    AT_RISK: ['AT RISK', 'at-risk', 'the plan keeps the limit, with less than 5 % headroom at some step'],
    VIOLATED: ['VIOLATED', 'violated', 'the plan or the meter is above the limit'],
  };

  function renderStatus(s, note) {
    const [badge, cls, text] = (s && COMPLIANCE[s.compliance]) || ['NO STATUS', 'unknown', note || 'waiting for the first status'];
    const el = $('compliance');
    el.className = `badge ${cls}`;
    el.textContent = badge;
    setText('compliance-text', s && s.fallbackActive ? `${text}; a limit fallback is in force` : text);

    if (!s) {
      for (const id of ['cycle', 'violation-cycle', 'violation-24h', 'limit-now', 'draw-now', 'rounds', 'resolves', 'wall-ms']) setText(id, '—');
      setText('cycle-start', '—');
      setText('limit-version', '—');
      setText('measured-now', 'no meter reading');
      setText('missed', '—');
      draw('draw', [], []);
      draw('subsystems', [], []);
      $('subsystems').tBodies[0].replaceChildren();
      return;
    }

    const cycleStart = parseTime(s.cycleStart);
    setText('cycle', String(int(s.cycle)));
    setText('cycle-start', `${cycleStart ? `starts ${utcDateTime(cycleStart)} UTC` : ''}${s.running ? '' : ' · district stopped'}`);
    setText('violation-cycle', fmt(s.violationLastCycleKwh, 2));
    setText('violation-24h', fmt(s.violationLast24hKwh, 2));
    const limit = s.limitKw || [];
    const subsystems = s.subsystems || [];
    // Without a limit on the resource the status has no district total: it is then the sum of the subsystems' draws.
    const summed = !(s.plannedImportKw || []).length && subsystems.some((sub) => (sub.plannedImportKw || []).length);
    const after = summed
      ? Array.from({ length: Math.max(...subsystems.map((sub) => (sub.plannedImportKw || []).length)) },
        (_, i) => subsystems.reduce((sum, sub) => sum + Number((sub.plannedImportKw || [])[i] || 0), 0))
      : s.plannedImportKw || [];
    setText('limit-now', limit.length ? fmt(limit[0]) : 'none');
    const version = int(s.limitVersion);
    setText('limit-version', !limit.length ? `no limit on ${s.resource}`
      : `${s.resource} · ${version ? `DSO limit version ${version}` : "the district file's limit"}${s.fallbackActive ? ' · fallback' : ''}`);
    setText('draw-now', after.length ? fmt(after[0]) : '—');
    setText('measured-now', s.measuredImportKw !== undefined
      ? `measured ${withUnit(s.measuredImportKw, 'kW')} at ${utcTime(new Date(s.measuredAt))} UTC`
      : 'no meter reading');
    setText('rounds', String(s.rounds));
    setText('resolves', String(s.resolves));
    setText('wall-ms', fmt(s.cycleWallMs, 0));
    setText('missed', s.missedCycles ? `${s.missedCycles} cycle(s) missed before this one` : 'no cycle missed');

    const before = s.plannedImportBeforeKw || [];
    const n = Math.max(limit.length, after.length, before.length,
      ...subsystems.map((sub) => Math.max((sub.plannedImportKw || []).length, (sub.grantedMaxKw || []).length)));
    const x = n > 0 ? horizonX(s.start, durationSeconds(s.resolution), n) : [];
    const limitSeries = stepped(limit, n);
    const afterSeries = stepped(after, n);
    const top = afterSeries.map((v, i) => (v === null || limitSeries[i] === null ? limitSeries[i] : Math.max(v, limitSeries[i])));
    top.repeatedTail = true;
    const series = [
      { label: 'limit (kW)', values: limitSeries, color: LIMIT, width: 6, perStep: true, now: limit.length ? `now ${withUnit(limit[0], 'kW')}` : '' },
      { label: summed ? 'planned draw, sum of the subsystems (kW)' : 'planned draw after coordination (kW)', values: afterSeries, color: AFTER, width: 3, perStep: true, now: after.length ? `now ${withUnit(after[0], 'kW')}` : '' },
      { label: 'planned draw before coordination (kW)', values: stepped(before, n), color: BEFORE, width: 2, dash: [10, 6], perStep: true, now: before.length ? `now ${withUnit(before[0], 'kW')}` : '' },
      { label: 'upper edge of the excess (kW)', values: top, color: 'transparent', hidden: true, perStep: true },
    ];
    draw('draw', x, series, 'draw (kW)', limit.length ? [{ series: [4, 1], fill: EXCESS }] : []);
    const excessKwh = (s.excessKw || []).reduce((sum, v) => sum + Number(v), 0) * durationSeconds(s.resolution) / 3600;
    legend('draw', series.filter((v) => !v.hidden), [{ label: `excess over the limit, shaded (${withUnit(excessKwh, 'kWh', 2)} over the horizon)`, color: EXCESS, area: true }]);

    const subs = [];
    subsystems.forEach((sub, k) => {
      const color = PALETTE[k % PALETTE.length];
      const planned = sub.plannedImportKw || [];
      subs.push({ label: `${sub.id} planned draw (kW)`, values: stepped(planned, n), color, width: 3, perStep: true, now: planned.length ? `now ${withUnit(planned[0], 'kW')}` : '' });
      if ((sub.grantedMaxKw || []).length) {
        subs.push({ label: `${sub.id} granted limit (kW)`, values: stepped(sub.grantedMaxKw, n), color, width: 2, dash: [10, 6], perStep: true, now: `now ${withUnit(sub.grantedMaxKw[0], 'kW')}` });
      }
    });
    draw('subsystems', x, subs);

    const body = $('subsystems').tBodies[0];
    body.replaceChildren();
    for (const sub of subsystems) {
      const row = body.insertRow();
      for (const text of [sub.id, String(sub.priority), sub.planStatus, sub.solverStatus, sub.note || '—']) row.insertCell().textContent = text;
    }
  }

  // ---- rendering what the status lacks ----------------------------------------------------------------------------

  async function refreshView() {
    const district = state.district;
    const request = ++state.viewRequest;
    let result;
    try {
      result = await api(`/api/v1/districts/${encodeURIComponent(district)}/dashboard`);
    } catch {
      return;
    }
    if (request !== state.viewRequest || district !== state.district) return;
    if (!result.ok) {
      showMessage(refusal(result, 'Stores, set-points and forecasts'));
      return;
    }
    state.view = result.body;
    renderView(result.body);
  }

  function renderView(v) {
    renderStores(v);
    renderForecasts(v);
    renderSetpoints(v);
  }

  function renderStores(v) {
    const empty = $('soc-empty');
    const stores = (v && v.stores) || [];
    if (!v || stores.length === 0) {
      draw('soc', [], []);
      empty.hidden = false;
      empty.textContent = v ? 'This district has no store, or no plan yet.' : '—';
      return;
    }
    empty.hidden = true;
    const n = Math.max(...stores.map((s) => s.socKwh.length)) - 1;
    const x = horizonX(v.start, v.stepMinutes * 60, n);
    const series = [];
    stores.forEach((store, k) => {
      const color = PALETTE[k % PALETTE.length];
      const name = `${store.subsystem}/${store.id}`;
      const measured = store.measuredSocKwh !== null && store.measuredSocKwh !== undefined ? `, measured ${withUnit(store.measuredSocKwh, 'kWh')}` : '';
      series.push({ label: `${name} planned SoC (kWh)`, values: store.socKwh.map(Number), color, width: 3, now: `now ${withUnit(store.socKwh[0], 'kWh')}${measured}` });
      series.push({ label: `${name} capacity (kWh)`, values: x.map(() => store.capacityKwh), color, width: 2, dash: [10, 6], now: withUnit(store.capacityKwh, 'kWh') });
      if (store.socMinKwh !== 0) series.push({ label: `${name} minimum (kWh)`, values: x.map(() => store.socMinKwh), color, width: 2, dash: [2, 4], now: withUnit(store.socMinKwh, 'kWh') });
    });
    draw('soc', x, series, 'state of charge (kWh)');
  }

  function renderForecasts(v) {
    const empty = $('forecast-empty');
    const comparisons = (v && v.forecasts) || [];
    if (!v || comparisons.length === 0) {
      draw('forecast', [], []);
      empty.hidden = false;
      empty.textContent = !v ? '—' : v.historyAvailable
        ? 'No forecast was planned with in the last 24 h (the plans used the district file\'s series).'
        : 'This gateway has no history store: forecasts and measurements are not available.';
      return;
    }
    empty.hidden = true;
    // Forecasts are per step: each value holds for one step, so the axis runs to the end of the last forecast step.
    const seconds = (p) => new Date(p.at).getTime() / 1000;
    const stepSeconds = v.stepMinutes * 60;
    const times = new Set();
    for (const c of comparisons) for (const p of [...c.forecast, ...c.measured]) times.add(seconds(p));
    for (const c of comparisons) if (c.forecast.length) times.add(seconds(c.forecast[c.forecast.length - 1]) + stepSeconds);
    const x = [...times].sort((a, b) => a - b);
    const index = new Map(x.map((t, i) => [t, i]));
    const column = (points, perStep) => {
      const values = x.map(() => null);
      for (const p of points) values[index.get(seconds(p))] = Number(p.value);
      if (perStep && points.length) {
        const last = points[points.length - 1];
        values[index.get(seconds(last) + stepSeconds)] = Number(last.value);
      }
      return values;
    };
    const series = [];
    comparisons.forEach((c, k) => {
      const color = PALETTE[k % PALETTE.length];
      const last = (points) => (points.length ? withUnit(points[points.length - 1].value, c.unit) : 'none');
      series.push({ label: `${c.subsystem}/${c.asset} forecast (${c.unit})`, values: column(c.forecast, true), color, width: 2, dash: [10, 6], spanGaps: true, perStep: true, now: `latest ${last(c.forecast)}` });
      series.push({ label: `${c.subsystem}/${c.asset} measured (${c.unit})`, values: column(c.measured, false), color, width: 3, spanGaps: true, points: true, now: `latest ${last(c.measured)}` });
    });
    draw('forecast', x, series, 'power (kW)');
  }

  function renderSetpoints(v) {
    const body = $('setpoints').tBodies[0];
    body.replaceChildren();
    const empty = $('setpoints-empty');
    if (!v) {
      empty.hidden = true;
      return;
    }
    if (!v.setpoints) {
      empty.hidden = false;
      empty.textContent = v.setpointsNote || 'Set-points are not shown.';
      return;
    }
    empty.hidden = v.setpoints.length > 0;
    empty.textContent = 'No set-point has been committed yet.';
    for (const s of v.setpoints) {
      const row = body.insertRow();
      const cells = [
        [s.subsystem], [s.asset], [s.key], [s.unit ? withUnit(s.value, s.unit, 2) : `${fmt(s.value, 2)} (no unit)`, 'num'],
        [`${utcDateTime(new Date(s.validFrom))}`], [`${utcDateTime(new Date(s.validUntil))}`], [String(s.cycle), 'num'], [s.source],
      ];
      for (const [text, cls] of cells) {
        const cell = row.insertCell();
        cell.textContent = text;
        if (cls) cell.className = cls;
      }
    }
  }

  // ---- what tests read --------------------------------------------------------------------------------------------

  function chartData(name) {
    const plot = state.plots[name];
    const series = state.legends[name] || [];
    if (!plot) return { x: [], series: [] };
    const n = plot.data[0].length;
    return {
      x: Array.from(plot.data[0]),
      series: plot.series.slice(1).map((s, i) => ({
        label: s.label,
        // Per-step series are drawn with their last value repeated at the horizon's end; give the N step values.
        values: Array.from(plot.data[i + 1]).slice(0, series[i] && series[i].values.repeatedTail ? n - 1 : n),
      })),
    };
  }

  window.semsDashboard = {
    get connection() { return state.connection; },
    get reason() { return state.reason; },
    get district() { return state.district; },
    get status() { return state.status; },
    get view() { return state.view; },
    get cycle() { return state.status ? int(state.status.cycle) : null; },
    get lastEventId() { return state.lastEventId; },
    get events() { return state.events; },
    get charts() {
      return Object.fromEntries(Object.keys(state.plots).map((name) => [name, chartData(name)]));
    },
  };

  // ---- start ------------------------------------------------------------------------------------------------------

  $('login').addEventListener('submit', (e) => {
    e.preventDefault();
    const token = $('token').value.trim().replace(/^Bearer\s+/i, '');
    $('token').value = '';
    state.token = token;
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
    showWho();
    loadDistricts();
  });
  $('forget-token').addEventListener('click', () => {
    state.token = '';
    sessionStorage.removeItem(TOKEN_KEY);
    showWho();
    disconnect('the token was forgotten');
    loadDistricts();
  });
  $('district').addEventListener('change', (e) => {
    history.replaceState(null, '', `#district=${encodeURIComponent(e.target.value)}`);
    choose(e.target.value);
  });
  window.addEventListener('resize', () => {
    for (const [name, plot] of Object.entries(state.plots)) plot.setSize({ width: chartWidth($(`chart-${name}`)), height: 330 });
  });

  showWho();
  loadDistricts();
})();
