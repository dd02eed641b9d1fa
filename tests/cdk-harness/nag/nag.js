#!/usr/bin/env node
// Runs cdk-nag's AwsSolutions pack over CloudFormation templates synthesized by the C# app.
// Usage: node nag.js <cdk.out dir or template files...>
// Exit code: 0 when no unsuppressed error remains, 1 otherwise (each finding is printed), 2 on bad usage.
// Suppressions come from the templates' own metadata (cdk_nag.rules_to_suppress), written by Deploy.Cdk/Nag.cs.
'use strict';

// aws-cdk-lib also lints templates with its own CloudFormation rules; that report is not cdk-nag's and is noisy
// (e.g. "avoid hard-coded AZs", which the lab does on purpose). Run with CDK_VALIDATION=true to see it.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';

const fs = require('fs');
const os = require('os');
const path = require('path');
const cdk = require('aws-cdk-lib');
const { CfnInclude } = require('aws-cdk-lib/cloudformation-include');
const { AwsSolutionsChecks } = require('cdk-nag');

function templatesFrom(args) {
  const files = [];
  for (const arg of args) {
    if (!fs.existsSync(arg)) {
      throw new Error(`'${arg}' does not exist; give a cdk.out directory or *.template.json files.`);
    }
    if (fs.statSync(arg).isDirectory()) {
      for (const name of fs.readdirSync(arg).sort()) {
        if (name.endsWith('.template.json')) files.push(path.join(arg, name));
      }
    } else {
      files.push(arg);
    }
  }
  return files;
}

function check(templateFile) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-'));
  try {
    const app = new cdk.App({ outdir });
    const stackName = path.basename(templateFile, '.template.json').replace(/[^A-Za-z0-9-]/g, '-');
    const stack = new cdk.Stack(app, stackName, { synthesizer: new cdk.BootstraplessSynthesizer() });
    new CfnInclude(stack, 'Template', { templateFile });
    cdk.Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true, reports: false }));
    const assembly = app.synth();
    const messages = assembly.getStackArtifact(stack.artifactId).messages;
    return {
      errors: messages.filter((m) => m.level === 'error'),
      warnings: messages.filter((m) => m.level === 'warning'),
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function main() {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    console.error('usage: node nag.js <cdk.out dir | file.template.json ...>');
    return 2;
  }
  let files;
  try {
    files = templatesFrom(args);
  } catch (e) {
    console.error(e.message);
    return 2;
  }
  if (files.length === 0) {
    console.error(`no *.template.json found in: ${args.join(', ')}`);
    return 2;
  }

  let errorCount = 0;
  for (const file of files) {
    const { errors, warnings } = check(file);
    errorCount += errors.length;
    console.log(`${path.basename(file)}: ${errors.length} error(s), ${warnings.length} warning(s)`);
    for (const m of errors) console.log(`  ERROR ${m.id}: ${String(m.entry.data).split('\n')[0]}`);
    for (const m of warnings) console.log(`  warning ${m.id}: ${String(m.entry.data).split('\n')[0]}`);
  }
  console.log(`cdk-nag AwsSolutions: ${files.length} template(s), ${errorCount} unsuppressed error(s)`);
  return errorCount === 0 ? 0 : 1;
}

process.exitCode = main();
