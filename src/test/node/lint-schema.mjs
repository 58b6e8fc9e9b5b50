// Lints SDL files with graphql-schema-linter (its own rules, chosen by the caller), without introspection
// (off in production): node lint-schema.mjs rule,rule file.graphqls… → JSON list of problems
// "file:line message (rule)", empty when all is well.
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';

const [rules, ...files] = process.argv.slice(2);
const run = spawnSync(process.execPath,
  ['node_modules/graphql-schema-linter/lib/cli.js', '--rules', rules, '--format', 'json', ...files],
  { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch (notJson) {
  process.stderr.write(run.stdout + run.stderr);
  process.exit(2);
}
process.stdout.write(JSON.stringify(report.errors.map(
  (e) => `${basename(e.location.file)}:${e.location.line} ${e.message} (${e.rule})`)));
