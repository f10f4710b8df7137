#!/usr/bin/env node
// A client of the sems.v1 gRPC API written without any .NET: @grpc/grpc-js with the .proto files of
// src/Contracts/Protos loaded at run time by @grpc/proto-loader (keepCase: the proto's own field names).
//
// It plays a DSO: SetLimit with assess = true (a 30-minute profile of import limits, kW), prints the limit version and
// the assessment, then GetStatus of the same district and resource. Everything it read goes to stdout as one JSON
// document; a failed call goes to stderr with its gRPC status code and the process exits with 1.
//
//   SEMS_TOKEN=<bearer token> node client.js --address 127.0.0.1:50051 --district two-subsystems \
//       --start 2022-11-01T00:00:00Z [--minutes 30] [--limit-kw 90,95] [--resource electricity] [--reason "…"]
//
// The token travels in the call metadata as "authorization: Bearer <token>" (mint one with `sems token`).
'use strict';

const path = require('node:path');
const crypto = require('node:crypto');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const protoRoot = path.resolve(__dirname, '..', '..', '..', '..', 'src', 'Contracts', 'Protos');

function parseArguments(argv) {
  const options = { minutes: '30', 'limit-kw': '90,95', resource: 'electricity', reason: 'feeder maintenance (Node.js client)' };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (!name.startsWith('--') || i + 1 >= argv.length) throw new Error(`unexpected argument "${name}": give --name value pairs`);
    options[name.slice(2)] = argv[++i];
  }

  for (const required of ['address', 'district', 'start']) {
    if (!options[required]) throw new Error(`--${required} is missing`);
  }

  const start = new Date(options.start);
  if (Number.isNaN(start.getTime())) throw new Error(`--start "${options.start}" is not an ISO 8601 time`);
  const minutes = Number(options.minutes);
  if (!Number.isInteger(minutes) || minutes <= 0) throw new Error(`--minutes "${options.minutes}" is not a positive whole number of minutes`);
  const limitKw = options['limit-kw'].split(',').map(Number);
  if (limitKw.some((v) => !Number.isFinite(v))) throw new Error(`--limit-kw "${options['limit-kw']}" is not a comma-separated list of kW`);
  return { ...options, start, minutes, limitKw };
}

// Timestamps and durations as the proto carries them ({seconds, nanos}) become ISO 8601 times and "Ns" strings.
function plain(value, key) {
  if (Array.isArray(value)) return value.map((v) => plain(v, key));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 2 && keys.includes('seconds') && keys.includes('nanos')) {
    const seconds = Number(value.seconds);
    if (key === 'resolution') return `${seconds + value.nanos / 1e9}s`;
    return new Date(seconds * 1000 + Math.round(value.nanos / 1e6)).toISOString();
  }

  const result = {};
  for (const k of keys) result[k] = plain(value[k], k);
  return result;
}

// JSON with two-space indentation, arrays of numbers, strings or booleans on one line.
function format(value, indent = '') {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  }

  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`);
  return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${indent}}`;
}

function call(client, method, request, metadata, seconds) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline: Date.now() + seconds * 1000 }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const token = process.env.SEMS_TOKEN;
  if (!token) throw new Error('SEMS_TOKEN is not set: give the bearer token in the environment');

  const definition = protoLoader.loadSync(path.join('sems', 'v1', 'grid_constraints.proto'), {
    includeDirs: [protoRoot],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const sems = grpc.loadPackageDefinition(definition).sems.v1;
  const client = new sems.GridConstraints(options.address, grpc.credentials.createInsecure());
  const metadata = new grpc.Metadata();
  metadata.add('authorization', `Bearer ${token}`);

  const startSeconds = Math.floor(options.start.getTime() / 1000);
  const setLimit = await call(client, 'SetLimit', {
    district: options.district,
    node: '',
    resource: options.resource,
    start: { seconds: String(startSeconds), nanos: 0 },
    resolution: { seconds: String(options.minutes * 60), nanos: 0 },
    import_max_kw: options.limitKw,
    reason: options.reason,
    request_id: crypto.randomUUID(),
    assess: true,
  }, metadata, 120);

  const status = await call(client, 'GetStatus', { district: options.district, node: '', resource: options.resource }, metadata, 30);
  client.close();
  const output = {
    limit: plain(setLimit.limit),
    assessment: plain(setLimit.assessment),
    status: plain(status),
  };
  process.stdout.write(`${format(output)}\n`);
}

main().catch((error) => {
  const code = typeof error.code === 'number' ? Object.keys(grpc.status).find((k) => grpc.status[k] === error.code) ?? String(error.code) : undefined;
  process.stderr.write(`sems node client: ${code ? `${code}: ` : ''}${error.details ?? error.message}\n`);
  process.exit(1);
});
