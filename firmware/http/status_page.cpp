// The page lives here as one raw string literal rather than in an .html file turned into C++
// at build time: the component's *.cpp glob picks it up, dependency tracking and cross builds
// need nothing extra, and there is no generated source to go stale. The delimiter "page" keeps
// clang-format out of it.
//
// DOM hooks the tests (and anyone scripting against the page) rely on:
//   body[data-loaded]                      set once the first data arrived
//   section.card[data-mn][data-factor]     one per MN x factor
//     i.cell[data-hour][data-state]        days_in_month * 24 cells, state v / i / m / -
//     [data-rate=month][data-value]        month-to-date 传输有效率, text "95.83%" or "NA"
//     [data-rate=day][data-day][data-value] each begun day's figure
#include "http/status_page.hpp"

#include <string_view>

namespace hj212gw::http {
namespace {

constexpr std::string_view kRefreshMark = "{{refresh_seconds}}";

constexpr std::string_view kPage = R"page(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>hj212gw status</title>
<link rel="icon" href="data:,">
<style>
:root {
  --bg: #f3f5f8; --card: #fff; --ink: #1d2733; --muted: #677384; --line: #dde2e8;
  --head: #17324d; --valid: #2f9e5b; --invalid: #e8a317; --missing: #d64545; --notdue: #e6e9ee;
  --good: #1e7d46; --bad: #c22f2f; --cell: 11px;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
  "WenQuanYi Micro Hei", sans-serif; }
header { background: var(--head); color: #fff; padding: 12px 20px; display: flex;
  flex-wrap: wrap; align-items: baseline; gap: 8px 28px; }
header h1 { margin: 0; font-size: 20px; letter-spacing: .5px; }
header h1 small { font-weight: 400; opacity: .75; font-size: 13px; margin-left: 6px; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 0; }
.facts div { display: flex; flex-direction: column; }
.facts dt { font-size: 11px; text-transform: uppercase; opacity: .7; letter-spacing: .4px; }
.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
.updated { margin-left: auto; font-size: 12px; opacity: .85; text-align: right; }
.banner { padding: 10px 20px; font-weight: 600; color: #fff; }
.banner.alarm { background: var(--bad); }
.banner.stale { background: #8a5a00; }
.banner[hidden] { display: none; }
main { padding: 4px 20px 24px; max-width: 1600px; margin: 0 auto; }
h2 { font-size: 16px; margin: 20px 0 8px; }
h2 .zh, .zh { color: var(--muted); font-weight: 400; }
.scroll { overflow-x: auto; background: var(--card); border: 1px solid var(--line);
  border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; text-align: left; white-space: nowrap; border-bottom: 1px solid var(--line); }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: #fafbfc; }
tr:last-child td { border-bottom: 0; }
td.num, th.num { text-align: right; }
td.empty { color: var(--muted); font-style: italic; }
.state { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px;
  font-weight: 600; color: #fff; background: var(--muted); }
.state.up { background: var(--valid); } .state.down { background: var(--missing); }
.state.connecting { background: var(--invalid); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 0 0 10px; font-size: 13px; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }
.swatch { width: 12px; height: 12px; border-radius: 2px; display: inline-block; }
.card .mn { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; color: var(--muted);
  margin-top: 2px; }
.cards { display: flex; flex-wrap: wrap; gap: 14px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: 12px 14px; width: 396px; max-width: 100%; }
.card-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 10px;
  margin-bottom: 8px; }
.factor { font-weight: 700; font-size: 15px; }
.card .name { color: var(--muted); font-size: 12px; }
.month-rate { text-align: right; }
.month-rate .label { display: block; font-size: 11px; color: var(--muted); }
.month-rate b { font-size: 22px; font-variant-numeric: tabular-nums; }
.month-rate small { display: block; color: var(--muted); font-size: 11px; }
.good { color: var(--good); } .bad { color: var(--bad); } .na { color: var(--muted); }
.grid { display: grid; grid-template-columns: 22px repeat(24, var(--cell)) 54px; gap: 1px;
  align-items: center; font-size: 10px; font-variant-numeric: tabular-nums; }
.grid .hl { color: var(--muted); text-align: left; font-size: 9px; }
.grid .dl { color: var(--muted); }
.grid .dr { text-align: right; padding-left: 4px; }
.cell { display: block; width: var(--cell); height: var(--cell); border-radius: 1px; }
.cell[data-state="v"], .swatch.v { background: var(--valid); }
.cell[data-state="i"], .swatch.i { background: var(--invalid); }
.cell[data-state="m"], .swatch.m { background: var(--missing); }
.cell[data-state="-"], .swatch.n { background: var(--notdue); }
.trend { display: block; width: 100%; height: auto; margin: 0 0 8px; }
.trend text { font-size: 9px; fill: var(--muted); }
.trend .axis { stroke: var(--line); }
.trend .target { stroke: var(--bad); stroke-dasharray: 4 3; }
.trend text.target-label { fill: var(--bad); }
.trend .line { fill: none; stroke: var(--head); stroke-width: 1.5; }
.trend circle { fill: var(--head); }
.trend circle.low { fill: var(--bad); }
.note { color: var(--muted); font-size: 13px; }
footer { color: var(--muted); font-size: 12px; padding: 0 20px 20px; text-align: center; }
footer a { color: inherit; }
@media (max-width: 600px) {
  :root { --cell: 10px; }
  header { padding: 10px 12px; gap: 6px 16px; }
  .updated { margin-left: 0; text-align: left; }
  main { padding: 4px 10px 20px; }
  .card { padding: 10px; width: 100%; }
  .grid { grid-template-columns: 20px repeat(24, var(--cell)) 50px; }
}
</style>
</head>
<body data-refresh="{{refresh_seconds}}">
<header>
  <h1>hj212gw <small>数采仪 gateway</small></h1>
  <dl class="facts">
    <div><dt>MN</dt><dd id="gw-mn">-</dd></div>
    <div><dt>version</dt><dd id="gw-version">-</dd></div>
    <div><dt>uptime</dt><dd id="gw-uptime">-</dd></div>
    <div><dt>gateway time</dt><dd id="gw-now">-</dd></div>
    <div><dt>clock offset</dt><dd id="gw-offset">-</dd></div>
    <div><dt>disk</dt><dd id="gw-disk">-</dd></div>
  </dl>
  <div class="updated" id="updated">loading…</div>
</header>
<div class="banner alarm" id="alarm" hidden>Disk full 磁盘已满: devices are not being
  acknowledged until space is freed.</div>
<div class="banner stale" id="stale" hidden></div>
<main>
  <h2>Platform links <span class="zh">上传平台</span></h2>
  <div class="scroll"><table id="links">
    <thead><tr><th>link</th><th>state</th><th>endpoint</th><th class="num">pending</th>
      <th class="num">in flight</th><th class="num">oldest pending</th><th class="num">RTT</th>
      <th class="num">acked</th><th class="num">resent</th></tr></thead>
    <tbody><tr><td class="empty" colspan="9">-</td></tr></tbody></table></div>

  <h2>Devices <span class="zh">监测设备</span></h2>
  <div class="scroll"><table id="devices">
    <thead><tr><th>peer</th><th>via</th><th>MN</th><th class="num">frames</th>
      <th class="num">stored</th><th class="num">acked</th><th class="num">errors</th>
      <th>last packet</th></tr></thead>
    <tbody><tr><td class="empty" colspan="8">-</td></tr></tbody></table></div>

  <h2>Hourly data of <span id="month">this month</span>
    <span class="zh">本月小时数据 · 传输有效率</span></h2>
  <div class="legend">
    <span><i class="swatch v"></i>received, valid 有效</span>
    <span><i class="swatch i"></i>received, invalid 无效</span>
    <span><i class="swatch m"></i>missing 缺失</span>
    <span><i class="swatch n"></i>not yet due 未到</span>
    <span class="note">rows: days · columns: hours 0-23 · right: the day's 传输有效率</span>
  </div>
  <div id="grids"><p class="note">waiting for the first figures…</p></div>
</main>
<footer>JSON: <a id="link-status" href="api/status">/api/status</a> ·
  <a id="link-rates" href="api/rates">/api/rates</a> · Prometheus:
  <a id="link-metrics" href="metrics">/metrics</a></footer>
<script>
'use strict';
const REFRESH_S = Math.max(1, Number(document.body.dataset.refresh) || 10);
const TOKEN = new URLSearchParams(location.search).get('token');
const STATES = { v: 'valid 有效', i: 'invalid 无效', m: 'missing 缺失', '-': 'not yet due 未到' };
const TARGET = 0.9;
let lastGood = null;

function withToken(path) {
  const u = new URL(path, location.href);
  if (TOKEN) u.searchParams.set('token', TOKEN);
  return u.pathname + u.search;
}
async function getJson(path) {
  let r;
  try {
    r = await fetch(withToken(path), { cache: 'no-store' });
  } catch (e) {
    throw new Error('no answer from the gateway');
  }
  if (!r.ok) {
    // The gateway explains a 503 ({"error": "..."}) and a 401 in the body.
    const text = await r.text().catch(() => '');
    let why = text.trim().slice(0, 200);
    try { why = JSON.parse(text).error || why; } catch (e) { /* plain text */ }
    throw new Error('/' + path + ': HTTP ' + r.status + (why ? ' (' + why + ')' : ''));
  }
  return r.json();
}
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'text') e.textContent = v; else if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}
function svg(tag, attrs, ...kids) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const k of kids) e.append(k);
  return e;
}
function pct(x) { return x === null || x === undefined ? 'NA' : (x * 100).toFixed(2) + '%'; }
function rateClass(x) { return x === null || x === undefined ? 'na' : x >= TARGET ? 'good' : 'bad'; }
function num(x) { return x === null || x === undefined ? '-' : String(x); }
function clock(d) { return d.toLocaleTimeString([], { hour12: false }); }
function two(n) { return String(n).padStart(2, '0'); }
function duration(ms) {
  if (ms === null || ms === undefined) return '-';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return s + ' s';
  const m = Math.floor(s / 60), h = Math.floor(m / 60), d = Math.floor(h / 24);
  if (d > 0) return d + ' d ' + (h % 24) + ' h';
  if (h > 0) return h + ' h ' + (m % 60) + ' min';
  return m + ' min';
}
function bytes(n) {
  if (n === null || n === undefined) return '-';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0; while (n >= 1024 && i < units.length - 1) { n /= 1024; ++i; }
  return (i ? n.toFixed(1) : String(n)) + ' ' + units[i];
}
function civilMs(text) {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(text || '');
  return m ? Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : null;
}
function fillRows(table, rows, columns) {
  const body = el('tbody');
  if (!rows.length)
    body.append(el('tr', {}, el('td', { class: 'empty', colspan: columns, text: 'none' })));
  for (const cells of rows) body.append(el('tr', {}, ...cells));
  table.tBodies[0].replaceWith(body);
}

function renderStatus(s) {
  document.getElementById('gw-mn').textContent = s.mn || '-';
  document.getElementById('gw-version').textContent = s.version || '-';
  const started = civilMs(s.started), now = civilMs(s.now);
  const uptime = s.uptime_ms !== undefined ? s.uptime_ms
    : started !== null && now !== null ? now - started : null;
  document.getElementById('gw-uptime').textContent = duration(uptime);
  document.getElementById('gw-now').textContent = s.now || '-';
  const off = Number(s.clock_offset_ms || 0);
  document.getElementById('gw-offset').textContent =
    (off > 0 ? '+' : '') + (Math.abs(off) >= 1000 ? (off / 1000).toFixed(1) + ' s' : off + ' ms');
  const st = s.store;
  document.getElementById('gw-disk').textContent = st
    ? bytes(st.disk_free_bytes) + ' free of ' + bytes(st.disk_total_bytes) + ' · store ' +
      bytes(st.file_bytes)
    : '-';
  document.getElementById('alarm').hidden = !s.disk_alarm;

  fillRows(document.getElementById('links'), (s.upstreams || []).map(u => [
    el('td', { text: u.name }),
    el('td', {}, el('span', { class: 'state ' + u.state, text: u.state })),
    el('td', { text: u.endpoint }),
    el('td', { class: 'num', text: num(u.pending) }),
    el('td', { class: 'num', text: num(u.in_flight) }),
    el('td', { class: 'num', text: u.oldest_pending_age_ms === undefined ? '-'
      : u.oldest_pending_age_ms === null ? 'none' : duration(u.oldest_pending_age_ms) }),
    el('td', { class: 'num', text: u.rtt_ms === null || u.rtt_ms === undefined ? '-'
      : u.rtt_ms + ' ms' }),
    el('td', { class: 'num', text: num(u.acked) }),
    el('td', { class: 'num', text: num(u.resent) }),
  ]), 9);
  fillRows(document.getElementById('devices'), (s.devices || []).map(d => [
    el('td', { text: d.peer }), el('td', { text: d.via }),
    el('td', { text: (d.mn || []).join(', ') }),
    el('td', { class: 'num', text: num(d.frames) }),
    el('td', { class: 'num', text: num(d.stored) }),
    el('td', { class: 'num', text: num(d.acked) }),
    el('td', { class: 'num' + (d.errors ? ' bad' : ''), text: num(d.errors) }),
    el('td', { text: d.last_packet || '-' }),
  ]), 8);
}

function trendChart(g, daysInMonth) {
  const W = 360, H = 80, L = 30, R = 6, T = 6, B = 14;
  // The axis starts at 50 % unless a day went lower: the figures that matter sit near 90 %.
  const rated = g.days.map(d => d.effective_rate).filter(r => r !== null);
  const low = Math.min(0.5, Math.floor(Math.min(1, ...rated) * 10) / 10);
  const x = day => L + (day - 0.5) * (W - L - R) / daysInMonth;
  const y = rate => T + (1 - rate) / (1 - low) * (H - T - B);
  const chart = svg('svg', { class: 'trend', viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': 'daily 传输有效率 of ' + g.factor });
  chart.append(svg('line', { class: 'axis', x1: L, x2: W - R, y1: y(low), y2: y(low) }));
  chart.append(svg('line', { class: 'axis', x1: L, x2: W - R, y1: y(1), y2: y(1) }));
  chart.append(svg('line', { class: 'target', x1: L, x2: W - R, y1: y(TARGET), y2: y(TARGET) }));
  for (const r of [1, TARGET, low])
    chart.append(svg('text', { x: L - 4, y: y(r) + 3, 'text-anchor': 'end',
      class: r === TARGET ? 'target-label' : '' }, Math.round(r * 100) + '%'));
  for (const d of [1, 10, 20, daysInMonth])
    chart.append(svg('text', { x: x(d), y: H - 3, 'text-anchor': 'middle' }, String(d)));
  let path = '';
  let pen = 'M';
  for (const d of g.days) {
    if (d.effective_rate === null) { pen = 'M'; continue; }
    path += `${pen}${x(d.day).toFixed(1)},${y(d.effective_rate).toFixed(1)} `;
    pen = 'L';
  }
  if (path) chart.append(svg('path', { class: 'line', d: path }));
  for (const d of g.days) {
    if (d.effective_rate === null) continue;
    chart.append(svg('circle', { cx: x(d.day).toFixed(1), cy: y(d.effective_rate).toFixed(1),
      r: 2.2, class: d.effective_rate < TARGET ? 'low' : '' },
      svg('title', {}, `day ${d.day}: ${pct(d.effective_rate)}`)));
  }
  return chart;
}

function gridCard(g, rates) {
  const days = rates.days_in_month;
  const byDay = new Map(g.days.map(d => [d.day, d]));
  const grid = el('div', { class: 'grid', role: 'grid' });
  grid.append(el('span'));
  for (let h = 0; h < 24; ++h)
    grid.append(el('span', { class: 'hl', text: h % 6 === 0 ? String(h) : '' }));
  grid.append(el('span', { class: 'hl dr', text: '有效率' }));
  for (let day = 1; day <= days; ++day) {
    grid.append(el('span', { class: 'dl', text: two(day) }));
    for (let h = 0; h < 24; ++h) {
      const index = (day - 1) * 24 + h;
      const state = g.hours[index] || '-';
      grid.append(el('i', { class: 'cell', 'data-hour': index, 'data-state': state,
        title: `${rates.month}-${two(day)} ${two(h)}:00-${two(h + 1)}:00 · ${STATES[state] || state}` }));
    }
    const f = byDay.get(day);
    grid.append(f
      ? el('span', { class: 'dr ' + rateClass(f.effective_rate), 'data-rate': 'day',
          'data-day': day, 'data-value': f.effective_rate === null ? 'null' : f.effective_rate,
          title: `day ${day}: ${f.valid} valid / ${f.should} due (${f.received} received)`,
          text: pct(f.effective_rate) })
      : el('span', { class: 'dr' }));
  }
  const m = g.month;
  const name = [g.name, g.name_zh].filter(Boolean).join(' ');
  return el('section', { class: 'card', 'data-mn': g.mn, 'data-factor': g.factor },
    el('div', { class: 'card-head' },
      el('div', {}, el('div', { class: 'factor', text: g.factor }),
        el('div', { class: 'name', text: name }),
        el('div', { class: 'mn', text: 'MN ' + g.mn })),
      el('div', { class: 'month-rate' },
        el('span', { class: 'label', text: 'month to date 本月传输有效率' }),
        el('b', { class: rateClass(m.effective_rate), 'data-rate': 'month',
          'data-value': m.effective_rate === null ? 'null' : m.effective_rate,
          text: pct(m.effective_rate) }),
        el('small', { text: `${m.valid}/${m.should} valid · ${m.received} received` }))),
    trendChart(g, days), grid);
}

function renderRates(r) {
  document.getElementById('month').textContent = r.month;
  const root = el('div', { id: 'grids' });
  if (!r.grids.length)
    root.append(el('p', { class: 'note', text: 'no assessed factor has data this month yet' }));
  // One flow of cards, ordered by MN then factor, so a wide screen fills its rows.
  root.append(el('div', { class: 'cards' }, ...r.grids.map(g => gridCard(g, r))));
  document.getElementById('grids').replaceWith(root);
}

async function refresh() {
  const [status, rates] = await Promise.allSettled([getJson('api/status'), getJson('api/rates')]);
  if (status.status === 'fulfilled') renderStatus(status.value);
  if (rates.status === 'fulfilled') renderRates(rates.value);
  const banner = document.getElementById('stale');
  const since = lastGood ? 'Showing the data of ' + clock(lastGood) + '; ' : 'No data yet; ';
  if (status.status === 'rejected') {
    banner.textContent = 'Gateway unreachable 网关无法连接: ' + status.reason.message + '. ' +
      since + 'retrying every ' + REFRESH_S + ' s.';
  } else if (rates.status === 'rejected') {
    // The gateway answers but could not read its store now: the grids keep their last picture.
    banner.textContent = 'Hourly data unavailable 小时数据暂不可用: ' + rates.reason.message +
      '. ' + since + 'retrying every ' + REFRESH_S + ' s.';
  } else {
    lastGood = new Date();
    document.body.dataset.loaded = '1';
  }
  banner.hidden = status.status === 'fulfilled' && rates.status === 'fulfilled';
  document.getElementById('updated').textContent = lastGood
    ? 'last updated ' + clock(lastGood) + ' · every ' + REFRESH_S + ' s'
    : 'not updated yet';
  setTimeout(refresh, REFRESH_S * 1000);
}

for (const id of ['link-status', 'link-rates', 'link-metrics']) {
  const a = document.getElementById(id);
  a.href = withToken(a.getAttribute('href'));
}
refresh();
</script>
</body>
</html>
)page";

} // namespace

std::string status_page(std::chrono::seconds refresh) {
    std::string page(kPage);
    const auto seconds = refresh.count() < 1 ? 1 : refresh.count();
    page.replace(page.find(kRefreshMark), kRefreshMark.size(), std::to_string(seconds));
    return page;
}

} // namespace hj212gw::http
