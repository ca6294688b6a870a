/**
 * One scaling measurement in a process of its own, so its peak memory is its own: runs the full-scale scenario
 * shrunk to NODES nodes (scenario-cases.ts) for DURATION_S simulated seconds and prints one JSON line:
 * {"nodes", "models", "events", "wallS", "cpuS", "maxRssBytes"}. maxRssBytes is process.resourceUsage().maxRSS
 * (the kernel's peak resident set of this process, Node runtime and compiled code included). MODELS is a comma
 * list of networking models (default overlay).
 *
 * Usage: node --import tsx bench/scaling-child.ts NODES DURATION_S [MODELS]
 */
import { cpuUsage, hrtime, resourceUsage } from 'node:process';
import { scaledFullScale, ScenarioRunner } from './scenario-cases.ts';

const nodes = Number(process.argv[2]);
const durationS = Number(process.argv[3]);
const models = (process.argv[4] ?? 'overlay').split(',');
const scenario = scaledFullScale(nodes, durationS, models);
const runner = new ScenarioRunner();
await runner.ready();
const c0 = cpuUsage();
const w0 = hrtime.bigint();
const r = await runner.run(scenario);
const wallS = Number(hrtime.bigint() - w0) / 1e9;
const c = cpuUsage(c0);
process.stdout.write(
  `${JSON.stringify({ nodes, models: models.length, events: r.events, wallS, cpuS: (c.user + c.system) / 1e6, maxRssBytes: resourceUsage().maxRSS * 1024 })}\n`,
);
