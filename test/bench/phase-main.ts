/**
 * A benchmark phase in a process of its own (see child.ts): `phase-main.ts NAME '{…args}'`.
 * Phases are imported by name only here, so a cold start does not pay for the others' imports.
 */
import { peakMemory, trackMemory } from './memory.js';

const PHASES = ['parse', 'build', 'cold', 'add', 'ask', 'bot', 'pdf', 'embedded-index', 'pg-ingest', 'pg-ask', 'pg-whole'] as const;

const [name, raw] = process.argv.slice(2);
if (!(PHASES as readonly string[]).includes(name)) {
  console.error(`unknown phase ${name}; one of ${PHASES.join(', ')}`);
  process.exit(2);
}
trackMemory();
const phase = (await import(`./phases/${name}.ts`)) as { run: (args: unknown) => Promise<unknown> };
const result = await phase.run(JSON.parse(raw ?? '{}'));
process.stdout.write(`@@result ${JSON.stringify({ result, memory: peakMemory() })}\n`);
// Worker threads, open index files and timers are not waited for.
process.exit(0);
