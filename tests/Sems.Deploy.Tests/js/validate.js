#!/usr/bin/env node
// Validates every document of the given YAML files with the kubernetes-models schema of its apiVersion and
// kind (required fields, types, formats). Prints one JSON line per document:
//   {"file": ..., "index": n, "apiVersion": ..., "kind": ..., "name": ..., "errors": [...]}
// Exit code: 0 when every document is valid, 1 when one is not (or its kind is unknown), 2 for bad usage.
"use strict";

const fs = require("fs");
const YAML = require("yaml");

// apiVersion "v1" lives in kubernetes-models/v1, "apps/v1" in kubernetes-models/apps/v1, and so on.
function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return null;
  if (!/^[a-z0-9.\-]+(\/[a-z0-9]+)?$/.test(apiVersion) || !/^[A-Za-z]+$/.test(kind)) return null;
  let module;
  try {
    module = require(`kubernetes-models/${apiVersion}`);
  } catch {
    return null;
  }
  return typeof module[kind] === "function" ? module[kind] : null;
}

// kustomize writes a long generated Secret value as base64 wrapped in lines; the API server's decoder (Go's
// encoding/base64) skips line breaks, the schema's "byte" format does not: join the lines as the server would.
function unwrapSecretData(data) {
  if (data.kind !== "Secret" || data.data === null || typeof data.data !== "object") return;
  for (const key of Object.keys(data.data)) {
    if (typeof data.data[key] === "string") data.data[key] = data.data[key].replace(/[\r\n]/g, "");
  }
}

function errorsOf(error) {
  if (error && Array.isArray(error.errors)) {
    return error.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
  }
  return [String(error && error.message ? error.message : error)];
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.js FILE.yaml...");
  process.exit(2);
}

let failed = false;
for (const file of files) {
  const documents = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"));
  documents.forEach((document, index) => {
    const report = { file, index, apiVersion: null, kind: null, name: null, errors: [] };
    if (document.errors.length > 0) {
      report.errors = document.errors.map((e) => `YAML: ${e.message}`);
    } else {
      const data = document.toJS();
      if (data === null || data === undefined) return; // an empty document
      report.apiVersion = data.apiVersion ?? null;
      report.kind = data.kind ?? null;
      report.name = data.metadata?.name ?? null;
      unwrapSecretData(data);
      const Model = modelFor(data.apiVersion, data.kind);
      if (Model === null) {
        report.errors = [`no kubernetes-models schema for apiVersion ${JSON.stringify(data.apiVersion)} kind ${JSON.stringify(data.kind)}`];
      } else {
        try {
          new Model(data).validate();
        } catch (error) {
          report.errors = errorsOf(error);
        }
      }
    }
    if (report.errors.length > 0) failed = true;
    console.log(JSON.stringify(report));
  });
}
process.exit(failed ? 1 : 0);
