#!/usr/bin/env node
// Prints every PromQL query of the dashboards, one per line:
//
//   dashboard<TAB>panel title<TAB>expr
//
// - every panel target expr (panels inside rows too), and
// - every query variable, as the series selector it reads:
//   label_values(webex_callpark_up{org_id=~"$org"}, location) prints
//   webex_callpark_up{org_id=~".*"} (panel title column: "variable: location");
// - with --annotations, also every Prometheus annotation expr (panel title
//   column: "annotation: NAME"); an annotation is empty while nothing happened,
//   so they are left out by default.
//
// Grafana's variables are replaced by values a plain Prometheus accepts:
//   $org, $location (only ever used as =~"$org")  -> .*
//   ${datasource}                                -> prometheus
//   $__rate_interval -> $RATE_INTERVAL (default 5m), $__interval -> $INTERVAL
//   (default 1m), $__range -> $RANGE (default 1h), $__range_s / $__range_ms
//   -> the same range in seconds / milliseconds.
// An expr is put on one line (runs of whitespace become one space).
//
// Filters, for a test that fails on empty results:
//   --steady        only queries that return data once the exporter has
//                   polled: none of the series that exist only after an
//                   event or where configured (drift, last change time,
//                   token expiry) and no filter such as `== 0`, unless the
//                   query falls back with `or vector(...)` / `or on (...)`;
//   --may-be-empty  only the others.
//
// Usage: node tests/dashboards/list-queries.js [--annotations] [--steady|--may-be-empty] [dashboard.json ...]
// Exits non-zero when a variable is left that it cannot replace.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');

// Series that exist only after something happened (or only where configured).
// The exporter declares the error, retry, change and validation-warning
// counters at 0 for every endpoint/reason/setting, so those are not here.
const EVENT_METRICS = [
  'webex_callpark_drift', // only for settings with an expectation
  'webex_callpark_settings_last_change_timestamp_seconds', // only after a change
  'webex_exporter_token_expiry_timestamp_seconds', // only where the expiry is known
];

function rangeSeconds(r) {
  const m = String(r).match(/^(\d+)(s|m|h|d|w)$/);
  if (!m) throw new Error(`RANGE ${r} is not a duration like 1h`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2]];
}

function substitute(expr, env = process.env) {
  const rate = env.RATE_INTERVAL || '5m';
  const interval = env.INTERVAL || '1m';
  const range = env.RANGE || '1h';
  const rs = rangeSeconds(range);
  const vars = {
    org: '.*',
    location: '.*',
    datasource: 'prometheus',
    __rate_interval: rate,
    __interval: interval,
    __interval_ms: String(rangeSeconds(interval) * 1000),
    __range: range,
    __range_s: String(rs),
    __range_ms: String(rs * 1000),
  };
  let out = expr.replace(/\$\{(\w+)\}|\$(\w+)/g, (all, a, b) => {
    const name = a || b;
    return Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : all;
  });
  out = out.replace(/\s+/g, ' ').trim();
  const left = out.match(/\$\{?\w+/);
  if (left) throw new Error(`unknown variable ${left[0]} in ${expr}`);
  return out;
}

function variableQuery(v) {
  const q = (typeof v.query === 'string' ? v.query : (v.query && v.query.query) || '').trim();
  let m = q.match(/^label_values\(\s*(.+?)\s*,\s*[A-Za-z_][A-Za-z0-9_]*\s*\)$/s);
  if (m) return m[1];
  m = q.match(/^query_result\(\s*(.+)\s*\)$/s);
  if (m) return m[1];
  throw new Error(`variable ${v.name}: cannot turn ${JSON.stringify(q)} into a PromQL query`);
}

function mayBeEmpty(expr) {
  if (/\bor\s+(vector\s*\(|on\s*\()/.test(expr)) return false;
  if (EVENT_METRICS.some((m) => new RegExp(`\\b${m}\\b`).test(expr))) return true;
  // a comparison without `bool` filters series out
  return /(==|!=|>=|<=|[^=!<>]>|[^=!<>]<)(?!\s*bool\b)/.test(expr.replace(/\{[^}]*\}/g, '{}').replace(/"[^"]*"/g, '""'));
}

// [{dashboard, title, expr, raw, kind}] for the given dashboard files.
function collect(files, { annotations = false, env = process.env } = {}) {
  const rows = [];
  for (const file of files) {
    const d = JSON.parse(fs.readFileSync(file, 'utf8'));
    const dash = path.basename(file, '.json');
    const add = (title, raw, kind) => rows.push({ dashboard: dash, title, raw, expr: substitute(raw, env), kind });
    for (const v of (d.templating && d.templating.list) || []) {
      if (v.type === 'query') add(`variable: ${v.name}`, variableQuery(v), 'variable');
    }
    const panels = [];
    for (const p of d.panels || []) {
      panels.push(p);
      if (Array.isArray(p.panels)) panels.push(...p.panels);
    }
    for (const p of panels) {
      for (const t of p.targets || []) {
        if (typeof t.expr === 'string' && t.expr.trim()) add(String(p.title || '').replace(/\s+/g, ' '), t.expr, 'panel');
      }
    }
    if (annotations) {
      for (const a of (d.annotations && d.annotations.list) || []) {
        const expr = (a.target && a.target.expr) || a.expr;
        if (typeof expr === 'string' && expr.trim()) add(`annotation: ${a.name}`, expr, 'annotation');
      }
    }
  }
  return rows;
}

function dashboardFiles(args) {
  if (args.length) return args.map((f) => path.resolve(f));
  const dir = path.join(root, 'dashboards');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
}

module.exports = { collect, substitute, mayBeEmpty, dashboardFiles, EVENT_METRICS };

if (require.main === module) {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  for (const f of flags) {
    if (!['--annotations', '--steady', '--may-be-empty'].includes(f)) {
      console.error(`list-queries: unknown option ${f}`);
      process.exit(2);
    }
  }
  try {
    let rows = collect(dashboardFiles(args.filter((a) => !a.startsWith('--'))), { annotations: flags.has('--annotations') });
    if (flags.has('--steady')) rows = rows.filter((r) => !mayBeEmpty(r.raw));
    if (flags.has('--may-be-empty')) rows = rows.filter((r) => mayBeEmpty(r.raw));
    process.stdout.write(rows.map((r) => `${r.dashboard}\t${r.title}\t${r.expr}\n`).join(''));
  } catch (e) {
    console.error(`list-queries: ${e.message}`);
    process.exit(1);
  }
}
