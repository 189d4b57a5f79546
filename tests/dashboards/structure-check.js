#!/usr/bin/env node
// Structure check of the Grafana dashboards under dashboards/ (no dependencies).
//
// For every dashboards/*.json:
//   - uid (1-40 chars of [A-Za-z0-9_-], unique across the dashboards), title,
//     schemaVersion >= 36, a panels array;
//   - template variables: `datasource` (type datasource, query prometheus),
//     `org` and `location` (type query, multi, includeAll, on ${datasource},
//     label_values over webex_callpark_up; location filtered by $org);
//   - panels: unique integer ids (rows and panels inside rows included),
//     gridPos with integer x/y/w/h inside the 24-column grid, no two panels
//     overlapping, a known panel type, a title;
//   - every non-row panel has a datasource and at least one target; every
//     target has a non-empty expr, a unique refId and a datasource, all of
//     them {type: prometheus, uid: ${datasource}};
//   - Prometheus annotations also use ${datasource} and have target.expr;
//   - every selector of a per-location metric (webex_callpark_*) in a panel or
//     annotation filters with org_id=~"$org" and location=~"$location", and
//     $org / $location appear only in that =~ form, so that multi-value and
//     All selections work;
//   - dashboard links by tag point at a tag the dashboards carry, and data
//     links to /d/<uid> point at one of the dashboards.
// Usage: node tests/dashboards/structure-check.js [dashboard.json ...]
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const files = process.argv.length > 2
  ? process.argv.slice(2).map((f) => path.resolve(f))
  : fs.readdirSync(path.join(root, 'dashboards')).filter((f) => f.endsWith('.json')).sort()
    .map((f) => path.join(root, 'dashboards', f));

const PANEL_TYPES = new Set(['row', 'timeseries', 'stat', 'table', 'piechart', 'bargauge', 'state-timeline']);
const DS_VAR = '${datasource}';
const problems = [];
let checked = 0;

function isDsRef(ds) {
  return ds && typeof ds === 'object' && ds.type === 'prometheus' && ds.uid === DS_VAR;
}

// Selectors of per-location metrics: the metric name and its {...} matchers.
function checkMatchers(where, expr) {
  const re = /\b(webex_callpark_[a-z_]+)\b(\s*\{([^}]*)\})?/g;
  let m;
  while ((m = re.exec(expr)) !== null) {
    const prev = expr.slice(Math.max(0, m.index - 1), m.index);
    if (prev === '"') continue; // a label value such as "recall_time", not a selector
    const matchers = m[3] || '';
    if (!/\borg_id\s*=~\s*"\$org"/.test(matchers) || !/\blocation\s*=~\s*"\$location"/.test(matchers)) {
      problems.push(`${where}: selector ${m[1]}{${matchers}} lacks org_id=~"$org" and location=~"$location"`);
    }
  }
  const stripped = expr.replace(/=~\s*"\$(org|location)"/g, '');
  if (/\$\{?(org|location)\b/.test(stripped)) {
    problems.push(`${where}: $org/$location used other than as =~"$org" / =~"$location"`);
  }
}

const uids = new Map();
const tags = new Set();
const dashLinks = [];
const dataLinks = [];

for (const file of files) {
  const name = path.basename(file);
  let d;
  try {
    d = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push(`${name}: not valid JSON: ${e.message}`);
    continue;
  }
  checked++;
  const at = (s) => `${name}: ${s}`;

  if (typeof d.uid !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(d.uid)) problems.push(at(`uid ${JSON.stringify(d.uid)} is not 1-40 chars of [A-Za-z0-9_-]`));
  else if (uids.has(d.uid)) problems.push(at(`uid ${d.uid} also used by ${uids.get(d.uid)}`));
  else uids.set(d.uid, name);
  if (typeof d.title !== 'string' || !d.title.trim()) problems.push(at('no title'));
  if (!Number.isInteger(d.schemaVersion) || d.schemaVersion < 36) problems.push(at(`schemaVersion ${d.schemaVersion} < 36`));
  for (const t of d.tags || []) tags.add(t);
  for (const l of d.links || []) dashLinks.push({ name, link: l });

  // Variables.
  const vars = new Map(((d.templating && d.templating.list) || []).map((v) => [v.name, v]));
  const ds = vars.get('datasource');
  if (!ds) problems.push(at('no datasource variable'));
  else if (ds.type !== 'datasource' || ds.query !== 'prometheus') problems.push(at('datasource variable is not {type: datasource, query: prometheus}'));
  for (const [vn, label] of [['org', 'org_id'], ['location', 'location']]) {
    const v = vars.get(vn);
    if (!v) { problems.push(at(`no ${vn} variable`)); continue; }
    if (v.type !== 'query') problems.push(at(`${vn} variable is not of type query`));
    if (v.multi !== true || v.includeAll !== true) problems.push(at(`${vn} variable is not multi + includeAll`));
    if (!isDsRef(v.datasource)) problems.push(at(`${vn} variable does not use ${DS_VAR}`));
    const q = typeof v.query === 'string' ? v.query : (v.query && v.query.query) || '';
    if (!new RegExp(`^label_values\\(webex_callpark_up(\\{[^}]*\\})?,\\s*${label}\\)$`).test(q)) {
      problems.push(at(`${vn} variable query ${JSON.stringify(q)} is not label_values(webex_callpark_up..., ${label})`));
    }
    if (vn === 'location' && !/org_id=~"\$org"/.test(q)) problems.push(at('location variable is not filtered by org_id=~"$org"'));
  }

  // Panels.
  if (!Array.isArray(d.panels) || d.panels.length === 0) { problems.push(at('no panels')); continue; }
  const all = [];
  for (const p of d.panels) {
    all.push({ p, top: true });
    if (p && Array.isArray(p.panels)) for (const c of p.panels) all.push({ p: c, top: false });
  }
  const ids = new Set();
  const boxes = [];
  for (const { p, top } of all) {
    const where = at(`panel ${p && p.id} ${JSON.stringify(p && p.title)}`);
    if (!p || typeof p !== 'object') { problems.push(at('panel is not an object')); continue; }
    if (!Number.isInteger(p.id)) problems.push(`${where}: id is not an integer`);
    else if (ids.has(p.id)) problems.push(`${where}: duplicate panel id ${p.id}`);
    else ids.add(p.id);
    if (!PANEL_TYPES.has(p.type)) problems.push(`${where}: unknown panel type ${JSON.stringify(p.type)}`);
    if (typeof p.title !== 'string' || !p.title.trim()) problems.push(`${where}: no title`);
    const g = p.gridPos;
    if (!g || !['x', 'y', 'w', 'h'].every((k) => Number.isInteger(g[k]) && g[k] >= 0)) {
      problems.push(`${where}: gridPos missing or not integers`);
    } else {
      if (g.w < 1 || g.h < 1 || g.x + g.w > 24) problems.push(`${where}: gridPos ${JSON.stringify(g)} outside the 24-column grid`);
      if (top) {
        for (const b of boxes) {
          if (g.x < b.g.x + b.g.w && b.g.x < g.x + g.w && g.y < b.g.y + b.g.h && b.g.y < g.y + g.h) {
            problems.push(`${where}: overlaps panel ${b.id}`);
          }
        }
        boxes.push({ id: p.id, g });
      }
    }
    if (p.type === 'row') continue;
    if (!isDsRef(p.datasource)) problems.push(`${where}: panel datasource is not {type: prometheus, uid: ${DS_VAR}}`);
    if (!Array.isArray(p.targets) || p.targets.length === 0) { problems.push(`${where}: no targets`); continue; }
    const refIds = new Set();
    for (const t of p.targets) {
      const tw = `${where} target ${t && t.refId}`;
      if (!t || typeof t.expr !== 'string' || !t.expr.trim()) { problems.push(`${tw}: no expr`); continue; }
      if (!t.refId || refIds.has(t.refId)) problems.push(`${tw}: missing or duplicate refId`);
      refIds.add(t.refId);
      if (!isDsRef(t.datasource)) problems.push(`${tw}: target datasource is not {type: prometheus, uid: ${DS_VAR}}`);
      checkMatchers(tw, t.expr);
    }
    const fc = p.fieldConfig || {};
    const linkLists = [((fc.defaults || {}).links) || []];
    for (const o of fc.overrides || []) for (const pr of o.properties || []) if (pr.id === 'links') linkLists.push(pr.value || []);
    for (const list of linkLists) for (const l of list) dataLinks.push({ where, url: l.url || '' });
  }

  // Annotations.
  for (const a of (d.annotations && d.annotations.list) || []) {
    if (a.builtIn === 1) continue;
    const where = at(`annotation ${JSON.stringify(a.name)}`);
    if (!isDsRef(a.datasource)) problems.push(`${where}: datasource is not {type: prometheus, uid: ${DS_VAR}}`);
    const expr = a.target && a.target.expr;
    if (typeof expr !== 'string' || !expr.trim()) problems.push(`${where}: no target.expr`);
    else checkMatchers(where, expr);
  }
}

for (const { name, link } of dashLinks) {
  if (link.type === 'dashboards' && !(link.tags || []).every((t) => tags.has(t))) {
    problems.push(`${name}: dashboard link by tags ${JSON.stringify(link.tags)} matches no dashboard`);
  }
}
for (const { where, url } of dataLinks) {
  const m = url.match(/^\/d\/([^/?]+)/);
  if (m && !uids.has(m[1])) problems.push(`${where}: data link to unknown dashboard uid ${m[1]}`);
}

for (const p of problems) console.error(p);
if (checked === 0) problems.push('no dashboards found');
if (problems.length) {
  console.error(`structure-check: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`structure-check: ${checked} dashboard(s) OK`);
