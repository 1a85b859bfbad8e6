/**
 * What the run-time guard of @capsule-guard/dynamodb adds to a request, measured side by side.
 * Run by `npm run bench` (before the build-time benchmarks), or alone:
 *
 *   node bench/dynamodb-guard.mjs [--requests 400] [--reps 7] [--out bench-out/dynamodb-guard.json]
 *
 * Two sides, the same workload in one capsule (PutItem, GetItem and a GSI Query through the
 * document client, a GetItem through the native client, per round): a client isolated with
 * `isolateClient`, and an identical client without it. Both run inside `runInCapsule`, so the
 * scope itself costs both sides alike. Two settings:
 *
 * - round trip: against dynalite, a DynamoDB-compatible server running in this process;
 * - client side: the same, with the server's responses recorded once and replayed, so the time
 *   measured is the client's alone (middleware, serialization, signing, parsing), the time the
 *   guard's goal is set against: ≤ 1.05.
 *
 * Every repetition runs both sides in rotating order (AB, BA, …) after one warm-up each; a ratio
 * is the median of the per-repetition ratios of CPU time (user + system of this process), printed
 * with their range, wall-time ratio beside it. On a loaded shared machine two runs of the same
 * side differ by several per cent, as much as the goal, so the goal is judged on "1+ours" as in
 * bench/run.mjs: inside the guarded run, the time the guard's middleware took (timed by two
 * middlewares around it) set against the rest of that same run, on one clock.
 */
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { isolateClient, runInCapsule } from '@capsule-guard/dynamodb';
import dynalite from 'dynalite';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { median } from './processes.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TABLE = 'bench_data';
const GUARD_OPTIONS = { tables: { [TABLE]: { partitionKey: 'pk', indexes: { gsi1: 'gsi1pk' } } } };
const SCOPE = { tenantId: 'acme', capsuleId: 'PRODUS' };
const PREFIX = 'TENANT#acme#CAPSULE#PRODUS#';
const GOAL = 1.05;

function parseArguments(argv) {
  const options = { requests: 400, reps: 7, out: join(ROOT, 'bench-out', 'dynamodb-guard.json') };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--requests') options.requests = Number(value);
    else if (flag === '--reps') options.reps = Number(value);
    else if (flag === '--out') options.out = value;
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

async function startServer() {
  const server = dynalite({ createTableMs: 0 });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${server.address().port}` };
}

async function createTable(endpoint) {
  const client = newClient(endpoint);
  const keys = (prefix) => [
    { AttributeName: `${prefix}pk`, KeyType: 'HASH' },
    { AttributeName: `${prefix}sk`, KeyType: 'RANGE' },
  ];
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: keys(''),
      GlobalSecondaryIndexes: [{ IndexName: 'gsi1', KeySchema: keys('gsi1'), Projection: { ProjectionType: 'ALL' } }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  client.destroy();
}

function newClient(endpoint) {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 1 });
}

async function collect(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Records the server's first response to each operation and replays it from then on. */
function replaying(handler) {
  const recorded = new Map();
  return {
    async handle(request, options) {
      const operation = request.headers['x-amz-target'];
      if (!recorded.has(operation)) {
        const { response } = await handler.handle(request, options);
        recorded.set(operation, { statusCode: response.statusCode, headers: response.headers, body: await collect(response.body) });
      }
      const { statusCode, headers, body } = recorded.get(operation);
      return { response: { statusCode, headers: { ...headers }, body: Readable.from([body]) } };
    },
    updateHttpClientConfig: () => {},
    httpHandlerConfigs: () => ({}),
    destroy: () => handler.destroy?.(),
  };
}

/** Middlewares just before and after the guard's, adding the time between them to `timer.ms`. */
function timeGuard(client, timer) {
  const started = Symbol('guard started');
  client.middlewareStack.addRelativeTo(
    (next, context) => (args) => {
      context[started] = performance.now();
      return next(args);
    },
    { relation: 'before', toMiddleware: 'capsuleGuardIsolation', name: 'benchGuardStart' },
  );
  client.middlewareStack.addRelativeTo(
    (next, context) => (args) => {
      timer.ms += performance.now() - context[started];
      return next(args);
    },
    { relation: 'after', toMiddleware: 'capsuleGuardIsolation', name: 'benchGuardEnd' },
  );
}

/** One side: its clients, and a round of the workload; `timer` collects the guard's own time. */
function side(endpoint, guarded, replay) {
  const native = newClient(endpoint);
  if (replay) native.config.requestHandler = replaying(native.config.requestHandler);
  const document = DynamoDBDocumentClient.from(native);
  const timer = { ms: 0 };
  if (guarded) {
    isolateClient(document, GUARD_OPTIONS);
    timeGuard(native, timer);
  }
  const name = guarded ? 'guarded' : 'plain';
  let id = 0;
  round.timer = timer;
  return round;
  async function round() {
    id += 1;
    const pk = `${PREFIX}${name}#ROLE#${id}`;
    const gsi1pk = `${PREFIX}EMAIL#${name}${id}@example.com`;
    await document.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'METADATA', gsi1pk, gsi1sk: `ROLE#${id}`, role: 'admin' } }));
    await document.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'METADATA' } }));
    await document.send(new QueryCommand({ TableName: TABLE, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :g', ExpressionAttributeValues: { ':g': gsi1pk } }));
    await native.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: pk }, sk: { S: 'METADATA' } } }));
  }
}

const REQUESTS_PER_ROUND = 4;

async function timeRounds(round, rounds) {
  round.timer.ms = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await runInCapsule(SCOPE, async () => {
    for (let i = 0; i < rounds; i++) await round();
  });
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - start;
  return { cpuMs: (used.user + used.system) / 1000, wallMs, ours: round.timer.ms / (wallMs - round.timer.ms) };
}

async function compare(endpoint, replay, options) {
  const sides = { guarded: side(endpoint, true, replay), plain: side(endpoint, false, replay) };
  const rounds = Math.max(1, Math.round(options.requests / REQUESTS_PER_ROUND));
  for (const round of Object.values(sides)) await timeRounds(round, rounds);
  const cpu = [];
  const wall = [];
  const ours = [];
  const perRequest = { guarded: [], plain: [] };
  for (let rep = 0; rep < options.reps; rep++) {
    const order = rep % 2 === 0 ? ['guarded', 'plain'] : ['plain', 'guarded'];
    const times = {};
    for (const name of order) {
      global.gc?.();
      times[name] = await timeRounds(sides[name], rounds);
      perRequest[name].push(times[name].cpuMs / (rounds * REQUESTS_PER_ROUND));
    }
    cpu.push(times.guarded.cpuMs / times.plain.cpuMs);
    ours.push(1 + times.guarded.ours);
    wall.push(times.guarded.wallMs / times.plain.wallMs);
  }
  return {
    setting: replay ? 'client side (responses replayed)' : 'round trip (in-process dynalite)',
    requests: rounds * REQUESTS_PER_ROUND,
    cpuRatio: { median: median(cpu), min: Math.min(...cpu), max: Math.max(...cpu) },
    wallRatio: median(wall),
    onePlusOurs: { median: median(ours), max: Math.max(...ours) },
    cpuMsPerRequest: { guarded: median(perRequest.guarded), plain: median(perRequest.plain) },
  };
}

const fixed = (value, digits = 3) => value.toFixed(digits);

function printRow(result) {
  const { cpuRatio, wallRatio, cpuMsPerRequest, onePlusOurs } = result;
  const verdict = onePlusOurs.median <= GOAL ? 'ok' : 'OVER GOAL';
  console.log(
    `${result.setting.padEnd(34)} ${fixed(cpuMsPerRequest.guarded)} ms  ${fixed(cpuMsPerRequest.plain)} ms  ` +
      `${fixed(cpuRatio.median)} [${fixed(cpuRatio.min)}–${fixed(cpuRatio.max)}]  ${fixed(wallRatio)}  ${fixed(onePlusOurs.median, 4)}  ≤ ${GOAL} ${verdict}`,
  );
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { server, endpoint } = await startServer();
  try {
    await createTable(endpoint);
    console.log(`@capsule-guard/dynamodb: guarded / plain client, ${options.requests} requests × ${options.reps} repetitions, CPU time`);
    console.log(`${'setting'.padEnd(34)} guarded    plain      CPU ratio (median [range])  wall   1+ours  goal`);
    const results = [];
    for (const replay of [true, false]) {
      const result = await compare(endpoint, replay, options);
      printRow(result);
      results.push(result);
    }
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify({ goal: GOAL, node: process.version, results }, null, 2)}\n`);
    console.log(`report: ${options.out}`);
    return results.every((r) => r.onePlusOurs.median <= GOAL) ? 0 : 1;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

process.exitCode = await main();
