/**
 * Preloaded with `node --import` into every benchmarked process: on exit it writes the CPU time the
 * process used and its peak resident memory to the file named by CAPSULE_GUARD_BENCH_MEASURE.
 * CPU time, unlike wall time, barely moves when other work shares the machine.
 *
 * With CAPSULE_GUARD_BENCH_ENGINE (the engine's dist/check.js) it also sums the CPU time spent
 * inside checkSourceFile: the share of the run that is the engine's own work, a figure that does
 * not drown in run-to-run noise the way a 2 % difference between two whole runs does.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const target = process.env.CAPSULE_GUARD_BENCH_MEASURE;
const enginePath = process.env.CAPSULE_GUARD_BENCH_ENGINE || undefined;
// Only this process reports; anything it spawns is not the process being measured.
delete process.env.CAPSULE_GUARD_BENCH_MEASURE;
delete process.env.CAPSULE_GUARD_BENCH_ENGINE;

const engine = { cpuUs: 0, calls: 0 };
if (enginePath) {
  // Front ends read `checkSourceFile` from this module's exports at each call (the engine's index
  // re-exports it through a getter), so replacing the export here times every call.
  const check = createRequire(import.meta.url)(enginePath);
  const original = check.checkSourceFile;
  check.checkSourceFile = function timedCheckSourceFile(...args) {
    const start = process.cpuUsage();
    try {
      return original.apply(this, args);
    } finally {
      const used = process.cpuUsage(start);
      engine.cpuUs += used.user + used.system;
      engine.calls++;
    }
  };
}

if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    const engineReport = enginePath ? { engineCpuMs: engine.cpuUs / 1000, engineCalls: engine.calls } : {};
    writeFileSync(target, JSON.stringify({ cpuMs, maxRssKb: usage.maxRSS, ...engineReport }));
  });
}
