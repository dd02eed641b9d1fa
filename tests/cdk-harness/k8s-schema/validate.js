#!/usr/bin/env node
// Validates Kubernetes manifests against the Kubernetes OpenAPI schema with kubernetes-models (typed models whose
// validate() checks every field, type and required property).
// Usage: node validate.js <dir or *.yaml ...>. Exit 0 when every object is valid, 1 otherwise, 2 on bad usage.
// Objects of a CRD the models do not know (elbv2.k8s.aws TargetGroupBinding) are listed as skipped, not passed.
'use strict';

const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

// kubernetes-models 5 publishes ES modules only (exports "./{group}/{version}/*" with an "import" condition).
async function modelOf(apiVersion, kind) {
  try {
    return (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind];
  } catch {
    return undefined;
  }
}

function filesFrom(args) {
  return args.flatMap((arg) => (fs.statSync(arg).isDirectory()
    ? fs.readdirSync(arg).filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => path.join(arg, n))
    : [arg]));
}

async function main() {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    console.error('usage: node validate.js <dir | file.yaml ...>');
    return 2;
  }
  let valid = 0;
  const errors = [];
  const skipped = [];
  for (const file of filesFrom(args)) {
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const obj = doc.toJSON();
      if (!obj) continue;
      const where = `${path.basename(file)}: ${obj.kind}/${obj.metadata?.name}`;
      const Model = await modelOf(obj.apiVersion, obj.kind);
      if (!Model) {
        skipped.push(`${where} (${obj.apiVersion}: no schema in kubernetes-models)`);
        continue;
      }
      try {
        new Model(obj).validate();
        valid++;
      } catch (e) {
        errors.push(`${where}: ${e.message}`);
      }
    }
  }
  for (const s of skipped) console.log(`skipped ${s}`);
  for (const e of errors) console.log(`INVALID ${e}`);
  console.log(`kubernetes-models: ${valid} valid, ${errors.length} invalid, ${skipped.length} skipped`);
  return errors.length === 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; });
