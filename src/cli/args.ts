/** Command-line flags shared by the CLI entry points: `--corpus DIR`, `--index DIR`, `--json` … */
export interface CliArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

export function parseArgs(argv: string[]): CliArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') continue;
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2);
      const next = argv[i + 1];
      if (inline !== undefined) flags.set(name, inline);
      else if (next !== undefined && !next.startsWith('--') && VALUE_FLAGS.has(name)) {
        flags.set(name, next);
        i++;
      } else flags.set(name, true);
    } else positional.push(a);
  }
  return { flags, positional };
}

const VALUE_FLAGS = new Set(['corpus', 'index', 'limit', 'n', 'seed', 'out', 'sizes']);

export function flag(args: CliArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
