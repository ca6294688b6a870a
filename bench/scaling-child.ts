/**
 * One scaling measurement in a process of its own, so its peak memory is its own: runs the full-scale scenario
 * shrunk to NODES nodes (scenario-cases.ts) for DURATION_S simulated seconds and prints one JSON line:
 * {"nodes", "models", "events", "wallS", "cpuS", "maxRssBytes"}. maxRssBytes is process.resourceUsage().maxRSS
 * (the kernel's peak resident set of this process, Node runtime and compiled code included). MODELS is a comma
 * list of networking models (default overlay). WORKERS (default 1) above 1 runs the model runs on that many worker
 * threads, as `cnisim run` does by default (src/sweep/run-units.ts): CPU time and maxRSS are the whole process's,
 * every thread included, and events is null (the event counter sees only the main thread's simulations).
 *
 * Usage: node --import tsx bench/scaling-child.ts NODES DURATION_S [MODELS] [WORKERS]
 */
import { cpuUsage, hrtime, resourceUsage } from 'node:process';
import { runScenarioOnWorkers } from '../src/sweep/run-units.ts';
import { compiledUnitWorker, scaledFullScale, ScenarioRunner } from './scenario-cases.ts';

const nodes = Number(process.argv[2]);
const durationS = Number(process.argv[3]);
const models = (process.argv[4] ?? 'overlay').split(',');
const workers = Number(process.argv[5] ?? '1');
const scenario = scaledFullScale(nodes, durationS, models);
const runner = new ScenarioRunner();
const kernelModule = await runner.ready();
const c0 = cpuUsage();
const w0 = hrtime.bigint();
const events = workers > 1 ? (await runScenarioOnWorkers(scenario, { workers, kernelModule, ...compiledUnitWorker() }), null) : (await runner.run(scenario)).events;
const wallS = Number(hrtime.bigint() - w0) / 1e9;
const c = cpuUsage(c0);
process.stdout.write(
  `${JSON.stringify({ nodes, models: models.length, events, wallS, cpuS: (c.user + c.system) / 1e6, maxRssBytes: resourceUsage().maxRSS * 1024 })}\n`,
);
