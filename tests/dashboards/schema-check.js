#!/usr/bin/env node
// Type-checks every dashboard JSON against Grafana's published TypeScript
// types (@grafana/schema), with the adaptations described in schema-types.ts.
//
// For each dashboards/*.json it writes, into a temp dir, a .ts file holding
//   - the whole dashboard as an object literal typed DashboardJson,
//   - each panel's options / fieldConfig.defaults.custom typed with that
//     panel plugin's own Options / FieldConfig,
//   - each panel's targets typed as Prometheus queries,
// and runs `tsc --noEmit` over them. Object literals get TypeScript's exact
// ("excess property") check, so a misspelled key anywhere is an error, as is
// a wrong type, a value outside an enum, or a missing required field.
//
// Usage: node tests/dashboards/schema-check.js [dashboard.json ...]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..', '..');
const files = process.argv.length > 2
  ? process.argv.slice(2).map((f) => path.resolve(f))
  : fs.readdirSync(path.join(root, 'dashboards')).filter((f) => f.endsWith('.json')).sort()
    .map((f) => path.join(root, 'dashboards', f));
if (files.length === 0) {
  console.error('schema-check: no dashboards found');
  process.exit(1);
}

const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (!fs.existsSync(tsc)) {
  console.error('schema-check: typescript is not installed (npm ci)');
  process.exit(1);
}

const typesModule = path.join(__dirname, 'schema-types').split(path.sep).join('/');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-schema-'));
const generated = [];
try {
  for (const file of files) {
    const name = path.basename(file, '.json');
    let dash;
    try {
      dash = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      console.error(`${name}.json: not valid JSON: ${e.message}`);
      process.exitCode = 1;
      continue;
    }
    const out = [
      `// Generated from ${path.relative(root, file)} by tests/dashboards/schema-check.js`,
      `import type { CustomOf, DashboardJson, OptionsOf, Target } from ${JSON.stringify(typesModule)};`,
      '',
      `export const dashboard: DashboardJson = ${JSON.stringify(dash, null, 2)};`,
    ];
    const panels = [];
    for (const p of dash.panels || []) {
      panels.push(p);
      if (p && Array.isArray(p.panels)) panels.push(...p.panels);
    }
    panels.forEach((p, i) => {
      if (!p || typeof p !== 'object' || p.type === 'row') return;
      const tag = `panel_${i}_id_${Number.isInteger(p.id) ? p.id : 'none'}`;
      const type = JSON.stringify(String(p.type));
      if (p.options !== undefined) {
        out.push('', `// panel ${JSON.stringify(p.title)} (${p.type})`);
        out.push(`export const ${tag}_options: OptionsOf<${type}> = ${JSON.stringify(p.options, null, 2)};`);
      }
      const custom = p.fieldConfig && p.fieldConfig.defaults && p.fieldConfig.defaults.custom;
      if (custom !== undefined) {
        out.push(`export const ${tag}_custom: CustomOf<${type}> = ${JSON.stringify(custom, null, 2)};`);
      }
      if (p.targets !== undefined) {
        out.push(`export const ${tag}_targets: Target[] = ${JSON.stringify(p.targets, null, 2)};`);
      }
    });
    const ts = path.join(tmp, `${name}.ts`);
    fs.writeFileSync(ts, out.join('\n') + '\n');
    generated.push({ ts, json: file, lines: out.join('\n').split('\n') });
  }

  fs.writeFileSync(path.join(tmp, 'tsconfig.json'), JSON.stringify({
    extends: path.join(__dirname, 'tsconfig.json'),
    files: generated.map((g) => g.ts),
  }, null, 2));

  const r = spawnSync(process.execPath, [tsc, '-p', path.join(tmp, 'tsconfig.json'), '--pretty', 'false'], {
    encoding: 'utf8',
  });
  const output = `${r.stdout || ''}${r.stderr || ''}`;
  // Point each error at the dashboard and the part of it (dashboard or panel) it is in.
  const byTs = new Map(generated.map((g) => [g.ts, g]));
  let errors = 0;
  for (const line of output.split('\n')) {
    const m = line.match(/^(.*?\.ts)\((\d+),(\d+)\): error (TS\d+): (.*)$/);
    if (!m) {
      if (line.trim()) console.error(line);
      continue;
    }
    errors++;
    const g = byTs.get(path.resolve(m[1]));
    if (!g) {
      console.error(line);
      continue;
    }
    const n = Number(m[2]);
    let owner = '';
    for (let k = n - 1; k >= 0; k--) {
      const d = g.lines[k].match(/^export const (\w+)/);
      if (d) { owner = d[1]; break; }
    }
    const msg = m[5].length > 400 ? `${m[5].slice(0, 400)}...` : m[5];
    console.error(`${path.relative(root, g.json)}: ${owner}: ${m[4]}: ${msg}`);
    console.error(`    at: ${g.lines[n - 1].trim()}`);
  }
  if (r.status !== 0 || errors > 0) {
    console.error(`schema-check: ${errors} type error(s) in ${files.length} dashboard(s)`);
    process.exitCode = 1;
  } else if (!process.exitCode) {
    console.log(`schema-check: ${files.length} dashboard(s) match the @grafana/schema types`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
