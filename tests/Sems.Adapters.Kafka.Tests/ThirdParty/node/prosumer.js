// A third-party prosumer of the SEMS local energy market, written against schemas/market/*.schema.json alone.
// It answers every sems.market.prices/1 message for its id with a fixed schedule (the same import and export in
// every step, within any caps), costed at the prices received, and exits after the sems.market.settlement/1 of the
// run it answered: 0 settled, 1 left out, 4 idle, 2 bad usage.
//
//   node prosumer.js --bootstrap HOST:PORT --prefix P --market NAME --id ID [--import-kw X] [--export-kw Y] [--idle-seconds N]
'use strict';
const { Kafka, logLevel } = require('kafkajs');

function options(argv) {
  const o = { importKw: 0, exportKw: 0, idleSeconds: 120 };
  const names = { '--bootstrap': 'bootstrap', '--prefix': 'prefix', '--market': 'market', '--id': 'id', '--import-kw': 'importKw', '--export-kw': 'exportKw', '--idle-seconds': 'idleSeconds' };
  for (let i = 0; i < argv.length; i += 2) {
    const name = names[argv[i]];
    if (!name || argv[i + 1] === undefined) usage(`unknown option or missing value: ${argv[i]}`);
    o[name] = ['importKw', 'exportKw', 'idleSeconds'].includes(name) ? Number(argv[i + 1]) : argv[i + 1];
  }
  for (const required of ['bootstrap', 'prefix', 'market', 'id']) if (!o[required]) usage(`--${required} is required`);
  for (const n of ['importKw', 'exportKw', 'idleSeconds']) if (!Number.isFinite(o[n]) || o[n] < 0) usage(`${n} must be a number >= 0`);
  return o;
}

function usage(problem) {
  console.error(`prosumer.js: ${problem}`);
  process.exit(2);
}

const o = options(process.argv.slice(2));
const topics = { prices: `${o.prefix}.prices.v1`, schedules: `${o.prefix}.schedules.v1`, settlements: `${o.prefix}.settlements.v1` };
const kafka = new Kafka({ clientId: `third-party-${o.id}`, brokers: [o.bootstrap], logLevel: logLevel.ERROR, retry: { retries: 10 } });
const producer = kafka.producer({ allowAutoTopicCreation: true });
const consumer = kafka.consumer({ groupId: `third-party-${o.id}-${process.pid}-${Date.now()}`, allowAutoTopicCreation: true, maxWaitTimeInMs: 100 });
const answered = new Map(); // runId -> last iteration answered
let lastRun = null;
let idleTimer = null;

function restartIdle() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => finish(4, `no prices nor settlement within ${o.idleSeconds} s`), o.idleSeconds * 1000);
}

// Called from inside the consumer's message handler, whose end consumer.disconnect() would wait for: leave after at most 1 s.
async function finish(code, text) {
  if (text) console.log(text);
  clearTimeout(idleTimer);
  const leaving = Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
  await Promise.race([leaving, new Promise((resolve) => setTimeout(resolve, 1000))]);
  process.exit(code);
}

function schedule(prices) {
  const hours = prices.stepMinutes / 60;
  const importKw = [];
  const exportKw = [];
  let energyCost = 0;
  for (let t = 0; t < prices.steps; t++) {
    const imp = Math.min(o.importKw, prices.importCapKw ? prices.importCapKw[t] : Infinity);
    const exp = Math.min(o.exportKw, prices.exportCapKw ? prices.exportCapKw[t] : Infinity);
    importKw.push(imp);
    exportKw.push(exp);
    energyCost += hours * (prices.buyPerKwh[t] * imp - prices.sellPerKwh[t] * exp);
  }
  return { schema: 'sems.market.schedule/1', runId: prices.runId, market: prices.market, prosumerId: o.id, iteration: prices.iteration, importKw, exportKw, energyCost, discomfortCost: 0 };
}

async function onPrices(prices) {
  if (prices.schema !== 'sems.market.prices/1' || prices.prosumerId !== o.id || prices.market !== o.market) return;
  if (prices.deadline && Date.parse(prices.deadline) < Date.now()) return; // stale
  if (answered.has(prices.runId) && answered.get(prices.runId) >= prices.iteration) return;
  const answer = schedule(prices);
  await producer.send({ topic: topics.schedules, messages: [{ key: o.id, value: JSON.stringify(answer), headers: { schema: answer.schema, 'content-type': 'application/json' } }] });
  answered.set(prices.runId, prices.iteration);
  lastRun = prices.runId;
  console.log(`answered iteration ${prices.iteration} of run ${prices.runId}: energy cost ${answer.energyCost.toFixed(4)} ${prices.currency || 'currency units'}`);
}

async function onSettlement(s) {
  if (s.schema !== 'sems.market.settlement/1' || s.market !== o.market || s.runId !== lastRun) return;
  const line = s.prosumers.find((p) => p.prosumerId === o.id);
  if (line) await finish(0, `settled in run ${s.runId}: bought ${line.boughtKwh} kWh, sold ${line.soldKwh} kWh, bill ${line.billCents} cents of ${s.currency || 'currency units'}`);
  const out = s.leftOut.find((p) => p.prosumerId === o.id);
  await finish(1, `left out of run ${s.runId}: ${out ? out.reason : 'not named in the settlement'}`);
}

async function main() {
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [topics.prices, topics.settlements], fromBeginning: true });
  consumer.on(consumer.events.GROUP_JOIN, () => console.log(`listening on ${topics.prices} and ${topics.settlements} as ${o.id}`));
  restartIdle();
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      let body;
      try { body = JSON.parse(message.value.toString('utf8')); } catch (e) { return; }
      if (topic === topics.prices && (!message.key || message.key.toString() === o.id)) { restartIdle(); await onPrices(body); }
      else if (topic === topics.settlements) { restartIdle(); await onSettlement(body); }
    },
  });
}

main().catch((e) => { console.error(`prosumer.js: ${e.message}`); process.exit(3); });
