import { runSweep } from './sweep.mjs';
const report = await runSweep({ nodeModules: { limit: 200, maxSize: 30_000 }, mutated: { count: 160, seed: 1, scale: 2000 }, batchSize: 250, tools: 'first', timeoutMs: 600_000 });
console.log(JSON.stringify({ duration: report.durationMs, files: report.files, failures: report.failures, totals: report.totals }, null, 1));
