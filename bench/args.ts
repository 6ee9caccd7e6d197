/** Command-line flags of `npm run bench`. Pure, so it is unit-tested. */

export const figureKeys = ['import', 'burst', 'latency', 'idle', 'memory', 'org', 'stream'] as const;
export type FigureKey = (typeof figureKeys)[number];

export interface BenchArgs {
  /** Idle users syncing on the worker child while its memory is read. */
  users: number;
  /** Salesforce tasks seeded per idle user (older than the import window). */
  tasks: number;
  /** SIA task changes in the burst. */
  burst: number;
  /** Salesforce tasks in the initial import. */
  importTasks: number;
  /** Imports per store, alternating which store goes first (SQLite, PostgreSQL, PostgreSQL, SQLite, …). */
  importRounds: number;
  /** Latency samples per direction. */
  samples: number;
  only: ReadonlySet<FigureKey>;
  json: string;
  /** `sqlite:<file>` (a fresh temp file when omitted) or `postgres://…`. */
  store?: string;
  /** Real minutes the idle users are watched. */
  idleMinutes: number;
  /** How many times faster than real time the idle window runs (the watch's waits are divided by it). */
  idleScale: number;
  help: boolean;
}

export const defaultArgs: BenchArgs = {
  users: 20,
  tasks: 10,
  burst: 1000,
  importTasks: 10_000,
  importRounds: 2,
  samples: 20,
  only: new Set(figureKeys),
  json: 'bench/results/latest.json',
  idleMinutes: 2,
  idleScale: 120,
  help: false,
};

export const usage = `npm run bench -- [flags]
  --users N          idle users on the worker for the memory figure (default ${defaultArgs.users}; try 1000)
  --tasks M          Salesforce tasks per idle user (default ${defaultArgs.tasks})
  --burst B          SIA task changes in the burst (default ${defaultArgs.burst})
  --import I         Salesforce tasks in the initial import (default ${defaultArgs.importTasks})
  --import-rounds R  imports per store, on SQLite and PostgreSQL alternately (default ${defaultArgs.importRounds})
  --samples S        latency samples per direction (default ${defaultArgs.samples})
  --only a,b         figures to run: ${figureKeys.join(', ')} (default all)
  --json PATH        where to write the results (default ${defaultArgs.json})
  --store URL        sqlite:<file> or postgres://… (default a fresh SQLite file)
  --idle-minutes W   real minutes the idle users are watched (default ${defaultArgs.idleMinutes})
  --idle-scale K     the idle window runs K times faster than real time (default ${defaultArgs.idleScale}; 1 = real time)`;

export class ArgsError extends Error {}

function positiveInt(flag: string, raw: string | undefined, min = 1): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isInteger(n) || n < min) throw new ArgsError(`${flag} needs a whole number ≥ ${min}, got ${raw ?? 'nothing'}`);
  return n;
}

function positiveNumber(flag: string, raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || !(n > 0)) throw new ArgsError(`${flag} needs a number > 0, got ${raw ?? 'nothing'}`);
  return n;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { ...defaultArgs };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--users':
        args.users = positiveInt(name, value(), 0);
        break;
      case '--tasks':
        args.tasks = positiveInt(name, value(), 0);
        break;
      case '--burst':
        args.burst = positiveInt(name, value(), 10);
        break;
      case '--import':
        args.importTasks = positiveInt(name, value());
        break;
      case '--import-rounds':
        args.importRounds = positiveInt(name, value());
        break;
      case '--samples':
        args.samples = positiveInt(name, value());
        break;
      case '--only': {
        const keys = (value() ?? '').split(',').map((k) => k.trim()).filter(Boolean);
        const unknown = keys.filter((k) => !(figureKeys as readonly string[]).includes(k));
        if (keys.length === 0 || unknown.length > 0) throw new ArgsError(`--only takes ${figureKeys.join(', ')}; got ${unknown.join(', ') || 'nothing'}`);
        args.only = new Set(keys as FigureKey[]);
        break;
      }
      case '--json':
        args.json = value() ?? '';
        if (!args.json) throw new ArgsError('--json needs a path');
        break;
      case '--store': {
        const url = value() ?? '';
        if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(url)) throw new ArgsError(`--store takes sqlite:<file> or postgres://…, got ${url || 'nothing'}`);
        args.store = url;
        break;
      }
      case '--idle-minutes':
        args.idleMinutes = positiveNumber(name, value());
        break;
      case '--idle-scale':
        args.idleScale = positiveNumber(name, value());
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new ArgsError(`unknown flag ${flag}`);
    }
  }
  return args;
}
