// @ts-check
/**
 * Preloaded with `node --import` into every benchmarked process: on exit it writes the CPU time the
 * process used and its peak resident memory to the file named by CAPSULE_GUARD_BENCH_MEASURE.
 * CPU time, unlike wall time, barely moves when other work shares the machine.
 *
 * With CAPSULE_GUARD_BENCH_ENGINE (the engine's dist/check.js) it also times what capsule-guard
 * itself costs inside the run: loading the front end (CAPSULE_GUARD_BENCH_FRONT_END, which loads
 * the engine) and every checkSourceFile call, or for the ESLint plugin everything its rules do
 * (the engine call and the reports ESLint makes of the findings). Those are timed on the main
 * thread's clock, so they can be set against the run's own duration: a share that does not drown
 * in run-to-run noise the way a 2 % difference between two whole runs does on a shared machine.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const target = process.env.CAPSULE_GUARD_BENCH_MEASURE;
const enginePath = process.env.CAPSULE_GUARD_BENCH_ENGINE || undefined;
const frontEndPath = process.env.CAPSULE_GUARD_BENCH_FRONT_END || undefined;
// Only this process reports; anything it spawns is not the process being measured.
delete process.env.CAPSULE_GUARD_BENCH_MEASURE;
delete process.env.CAPSULE_GUARD_BENCH_ENGINE;
delete process.env.CAPSULE_GUARD_BENCH_FRONT_END;

// ruleMs stays undefined unless the front end is an ESLint plugin whose rules are timed.
/** @type {{ loadMs: number, engineMs: number, calls: number, ruleMs: number | undefined }} */
const ours = { loadMs: 0, engineMs: 0, calls: 0, ruleMs: undefined };

/** @typedef {(this: unknown, ...args: unknown[]) => unknown} Wrapped a function timed: whatever it is passed, it passes on */

/**
 * Times an ESLint plugin's rules: creating them and every listener, the reports they make included.
 * @param {Record<string, { create: Wrapped }>} rules
 */
function timeRules(rules) {
  /**
   * @param {Wrapped} fn
   * @returns {Wrapped}
   */
  const timed = (fn) =>
    function timedRuleCode(...args) {
      const start = performance.now();
      try {
        return fn.apply(this, args);
      } finally {
        ours.ruleMs = (ours.ruleMs ?? 0) + performance.now() - start;
      }
    };
  ours.ruleMs = 0;
  for (const rule of Object.values(rules)) {
    const create = timed(rule.create);
    // Wrapping the listeners is the harness's work, so it happens outside the timed calls.
    rule.create = function createTimed(context) {
      const listeners = /** @type {Record<string, Wrapped>} */ (create.call(this, context));
      return Object.fromEntries(Object.entries(listeners).map(([selector, listener]) => [selector, timed(listener)]));
    };
  }
}

if (enginePath) {
  const require = /** @type {(id: string) => unknown} */ (createRequire(import.meta.url));
  // Loaded here, once and timed; the tool's own require of it later finds it cached.
  const loadStart = performance.now();
  // Any front end's module; an ESLint plugin's has rules.
  const frontEnd = frontEndPath ? /** @type {{ rules?: Record<string, { create: Wrapped }> }} */ (require(frontEndPath)) : undefined;
  const check = /** @type {Record<string, Wrapped>} */ (require(enginePath));
  ours.loadMs = performance.now() - loadStart;
  if (frontEnd?.rules) timeRules(frontEnd.rules);
  // Front ends read the engine's entry points from this module's exports at each call (the
  // engine's index re-exports them through getters), so replacing the exports here times every
  // call. `checkSourceFile` calls the other internally, not through the exports: no call counts twice.
  for (const name of ['checkSourceFile', 'checkSourceFileWithSuppressed']) {
    const original = check[name];
    // Only the wall clock, which costs a fraction of a microsecond to read: process.cpuUsage()
    // took some 30 µs a call inside an ESLint run here, and an ESLint rule's time would hold it.
    check[name] = function timedCheck(...args) {
      const start = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        ours.engineMs += performance.now() - start;
        ours.calls++;
      }
    };
  }
}

if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    const oursReport = enginePath
      ? {
          // Since the process started: the clock `ours` is measured on.
          processMs: performance.now(),
          // An ESLint rule's time holds its engine call; elsewhere the engine call is all there is.
          oursMs: ours.loadMs + (ours.ruleMs ?? ours.engineMs),
          loadMs: ours.loadMs,
          engineMs: ours.engineMs,
          ruleMs: ours.ruleMs,
          engineCalls: ours.calls,
        }
      : {};
    writeFileSync(target, JSON.stringify({ cpuMs, maxRssKb: usage.maxRSS, ...oursReport }));
  });
}
