#!/usr/bin/env node
// Runs every dashboard query (list-queries.js, annotations included) through
// promtool, without a Prometheus server:
//   1. `promtool check rules` on a rule file with one alert per query, expr
//      absent(<query>): every query must parse as PromQL;
//   2. `promtool test rules` against synthetic series shaped like the
//      exporter's output (every metric of shared/DESIGN.md, three locations in
//      two orgs, one failing, one drifting, changes, errors, retries): each
//      absent() alert must stay silent, i.e. every query returns data.
// This catches a misspelled metric or label name, a broken matcher or a
// mismatched vector match before a real Prometheus sees the dashboards.
//
// Usage: node tests/dashboards/promql-check.js   (needs promtool on PATH)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { collect, dashboardFiles } = require('./list-queries');

const EVAL_MIN = 70; // evaluation time (minutes); series run 0..80m at 1m
const N = 80;

// ---- synthetic series ------------------------------------------------------
const series = [];
const lbl = (o) => `{${Object.entries(o).map(([k, v]) => `${k}=${JSON.stringify(String(v))}`).join(',')}}`;
const add = (name, labels, values) => series.push({ series: `${name}${lbl(labels)}`, values });
const flat = (v) => `${v}x${N}`;
const counter = (perMin) => `0+${perMin}x${N}`;

const exp = { job: 'webex-callpark', instance: '127.0.0.1:9877' };
const locations = [
  { org_id: 'org-1', location_id: 'loc-hq', location: 'HQ "Main"', up: flat(1), option: 'ALERT_HUNT_GROUP_ONLY', ring: 'NORMAL',
    hg: { hunt_group_id: 'hg-1', hunt_group_name: 'Sales' }, recall: '45x49 60x30', drift: { recall_time: '0x49 1x30', option: flat(0) },
    changes: { recall_time: '_x49 1x30' }, lastChange: '_x49 3000x30' },
  { org_id: 'org-1', location_id: 'loc-br', location: 'Branch', up: '1x29 0x50', option: 'ALERT_PARKING_USER_ONLY', ring: 'LONG_LONG',
    hg: {}, recall: flat(120), drift: {}, changes: {}, lastChange: null },
  { org_id: 'org-2', location_id: 'loc-zh', location: 'Zürich', up: flat(1), option: 'ALERT_PARKING_USER_FIRST_THEN_HUNT_GROUP',
    ring: 'SHORT_SHORT_LONG', hg: { hunt_group_id: 'hg-9', hunt_group_name: 'Empfang' }, recall: flat(30),
    drift: { ring_pattern: flat(0) }, changes: { ring_pattern: `0x${EVAL_MIN - 4} 1x20` },
    lastChange: `0x${EVAL_MIN - 4} ${(EVAL_MIN - 3) * 60}x20`, warnings: { recall_time: flat(2) } },
];
const OPTIONS = ['ALERT_PARKING_USER_ONLY', 'ALERT_PARKING_USER_FIRST_THEN_HUNT_GROUP', 'ALERT_HUNT_GROUP_ONLY'];
const RINGS = ['NORMAL', 'LONG_LONG', 'SHORT_SHORT_LONG', 'SHORT_LONG_SHORT'];
for (const l of locations) {
  const base = { ...exp, org_id: l.org_id, location_id: l.location_id, location: l.location };
  add('webex_callpark_up', base, l.up);
  add('webex_callpark_recall_time_seconds', base, l.recall);
  add('webex_callpark_hunt_wait_time_seconds', base, flat(90));
  for (const o of OPTIONS) add('webex_callpark_recall_option', { ...base, option: o }, flat(o === l.option ? 1 : 0));
  for (const r of RINGS) add('webex_callpark_ring_pattern', { ...base, ring_pattern: r }, flat(r === l.ring ? 1 : 0));
  add('webex_callpark_settings_info', { ...base, option: l.option, ring_pattern: l.ring, ...l.hg }, flat(1));
  add('webex_callpark_last_success_timestamp_seconds', base, l.up === flat(1) ? '0+60x80' : '0+60x29 1740x50');
  for (const [s, v] of Object.entries(l.drift)) add('webex_callpark_drift', { ...base, setting: s }, v);
  for (const [s, v] of Object.entries(l.changes)) add('webex_callpark_settings_changes_total', { ...base, setting: s }, v);
  if (l.lastChange) add('webex_callpark_settings_last_change_timestamp_seconds', base, l.lastChange);
  for (const [s, v] of Object.entries(l.warnings || {})) add('webex_callpark_validation_warnings_total', { ...base, setting: s }, v);
}
for (const [endpoint, rate] of [['callpark_settings', 10], ['locations', 1], ['access_token', 1]]) {
  add('webex_api_requests_total', { ...exp, endpoint, code: '200' }, counter(rate));
  const buckets = [['0.05', 0.2], ['0.1', 0.5], ['0.25', 0.8], ['0.5', 0.9], ['1', 0.95], ['2.5', 1], ['5', 1], ['10', 1], ['+Inf', 1]];
  for (const [le, share] of buckets) {
    add('webex_api_request_duration_seconds_bucket', { ...exp, endpoint, le }, counter(rate * share));
  }
  add('webex_api_request_duration_seconds_count', { ...exp, endpoint }, counter(rate));
  add('webex_api_request_duration_seconds_sum', { ...exp, endpoint }, counter(rate * 0.2));
}
add('webex_api_requests_total', { ...exp, endpoint: 'callpark_settings', code: '429' }, counter(1));
add('webex_api_requests_total', { ...exp, endpoint: 'callpark_settings', code: '404' }, counter(0.5));
add('webex_api_errors_total', { ...exp, endpoint: 'callpark_settings', reason: 'rate_limited' }, counter(1));
add('webex_api_errors_total', { ...exp, endpoint: 'callpark_settings', reason: 'not_found' }, counter(0.5));
add('webex_api_errors_total', { ...exp, endpoint: 'locations', reason: 'timeout' }, counter(0.2));
add('webex_api_retries_total', { ...exp, endpoint: 'callpark_settings' }, counter(1));
add('webex_api_retry_after_seconds', exp, flat(30));
add('webex_exporter_poll_duration_seconds', exp, flat(12));
add('webex_exporter_last_poll_timestamp_seconds', exp, '0+60x80');
add('webex_exporter_locations', { ...exp, state: 'ok' }, flat(2));
add('webex_exporter_locations', { ...exp, state: 'failing' }, flat(1));
add('webex_exporter_build_info', { ...exp, version: '0.1.0', revision: 'abcdef0' }, flat(1));
add('webex_exporter_config_last_reload_successful', exp, flat(1));
add('webex_exporter_config_last_reload_success_timestamp_seconds', exp, flat(10));
add('webex_exporter_shard', { ...exp, shard: '0', total_shards: '1' }, flat(1));
add('webex_exporter_token_expiry_timestamp_seconds', exp, flat(86400));
add('up', exp, flat(1));

// ---- rule and test files ---------------------------------------------------
const rows = collect(dashboardFiles([]), { annotations: true });
const q = (s) => JSON.stringify(s); // JSON strings are valid YAML scalars
const rules = ['groups:', '  - name: dashboard-queries', '    rules:'];
rows.forEach((r, i) => {
  rules.push(`      - alert: Q${i}`, `        expr: ${q(`absent(${r.expr})`)}`);
});
const test = [
  `rule_files: [${q('queries.rules.yml')}]`,
  'evaluation_interval: 1m',
  'tests:',
  '  - interval: 1m',
  '    input_series:',
  ...series.flatMap((s) => [`      - series: ${q(s.series)}`, `        values: ${q(s.values)}`]),
  '    alert_rule_test:',
  ...rows.map((_, i) => `      - {eval_time: ${EVAL_MIN}m, alertname: Q${i}, exp_alerts: []}`),
];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-promql-'));
let failed = false;
try {
  fs.writeFileSync(path.join(tmp, 'queries.rules.yml'), rules.join('\n') + '\n');
  fs.writeFileSync(path.join(tmp, 'queries.test.yml'), test.join('\n') + '\n');
  const describe = (i) => `${rows[i].dashboard} / ${rows[i].title}: ${rows[i].expr}`;

  const check = spawnSync('promtool', ['check', 'rules', path.join(tmp, 'queries.rules.yml')], { encoding: 'utf8' });
  if (check.error) throw check.error;
  if (check.status !== 0) {
    failed = true;
    const out = `${check.stdout}${check.stderr}`;
    console.error(out.trim());
    // promtool names the rule by its position in the group
    for (const m of out.matchAll(/(\d+):\d+: group "dashboard-queries", rule (\d+)/g)) {
      console.error(`  invalid PromQL: ${describe(Number(m[2]) - 1)}`);
    }
  } else {
    const t = spawnSync('promtool', ['test', 'rules', path.join(tmp, 'queries.test.yml')], { encoding: 'utf8' });
    if (t.error) throw t.error;
    if (t.status !== 0) {
      failed = true;
      const out = `${t.stdout}${t.stderr}`;
      const empty = new Set([...out.matchAll(/alertname: Q(\d+)/g)].map((m) => Number(m[1])));
      if (empty.size === 0) console.error(out.trim());
      for (const i of [...empty].sort((a, b) => a - b)) console.error(`  empty on the synthetic data: ${describe(i)}`);
    }
  }
  if (failed) {
    console.error(`promql-check: FAILED (${rows.length} queries; files kept in ${tmp})`);
  } else {
    console.log(`promql-check: ${rows.length} queries parse and return data on the synthetic series`);
  }
} finally {
  if (!failed) fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
