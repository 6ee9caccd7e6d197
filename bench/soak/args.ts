/** Command-line flags of `npm run soak`. Pure, so it is unit-tested. */
import { ArgsError } from '../args';

export interface SoakArgs {
  /** SIA users, each connected to a Salesforce org of their own with two-way task sync. */
  users: number;
  /** Real minutes of operations, kills and faults (setup and convergence come on top). */
  minutes: number;
  /** Worker processes (`workers/main.ts`) running at any time. */
  workers: number;
  store: 'postgres' | 'sqlite';
  seed: number;
  /** Mean seconds between two operations of one user (each side and kind drawn at random). */
  opSeconds: number;
  /** Seconds between worker kills: a random time in [min, max]. */
  killEvery: [number, number];
  /** Restart the Temporal dev server once, on its database file. */
  temporalRestart: boolean;
  faults: boolean;
  /** Minutes the final convergence may take before the run fails. */
  convergeMinutes: number;
  /** A change made this many seconds before or after a kill or restart counts as affected by it. */
  stallWindowSeconds: number;
  /** Deletes one Salesforce task behind the people's back once operations stop: the run must then fail. */
  sabotage: boolean;
  help: boolean;
}

export const defaultArgs: SoakArgs = {
  users: 10,
  minutes: 2,
  workers: 2,
  store: 'postgres',
  seed: 1,
  opSeconds: 4,
  killEvery: [30, 60],
  temporalRestart: true,
  faults: true,
  // Round activities heartbeat, so one lost with a killed worker is retried within 15 s; a round
  // that keeps failing backs off to a minute between attempts. Five minutes covers several of them.
  convergeMinutes: 5,
  stallWindowSeconds: 15,
  sabotage: false,
  help: false,
};

export const usage = `npm run soak -- [flags]
  --users N             users, each with two-way task sync against an org of their own (default ${defaultArgs.users})
  --minutes M           minutes of operations, worker kills and faults (default ${defaultArgs.minutes})
  --workers W           worker processes running at any time (default ${defaultArgs.workers})
  --store S             postgres (default) or sqlite (one worker only)
  --seed S              seed of every random choice: operations, kills, faults (default ${defaultArgs.seed})
  --op-seconds T        mean seconds between two operations of one user (default ${defaultArgs.opSeconds})
  --kill-every A-B      kill -9 a random worker every A to B seconds and start a new one (default ${defaultArgs.killEvery.join('-')})
  --no-kills            no worker kills
  --no-temporal-restart no restart of the Temporal dev server
  --no-faults           no Salesforce faults (errors, lost answers, locked rows, expired sessions)
  --converge-minutes C  how long the final convergence may take before the run fails (default ${defaultArgs.convergeMinutes})
  --stall-window S      changes made within S seconds of a kill count as affected by it (default ${defaultArgs.stallWindowSeconds})
  --sabotage            checks the checks: delete one Salesforce task nobody recorded; the run must fail`;


function number(flag: string, raw: string | undefined, { min, whole }: { min: number; whole: boolean }): number {
  const n = Number(raw);
  const ok = raw !== undefined && raw.trim() !== '' && Number.isFinite(n) && n >= min && (!whole || Number.isInteger(n));
  if (!ok) throw new ArgsError(`${flag} needs a ${whole ? 'whole number' : 'number'} ≥ ${min}, got ${raw ?? 'nothing'}`);
  return n;
}

type NumberKey = 'users' | 'minutes' | 'workers' | 'seed' | 'opSeconds' | 'convergeMinutes' | 'stallWindowSeconds';
const numberFlags: Record<string, [NumberKey, { min: number; whole: boolean }]> = {
  '--users': ['users', { min: 1, whole: true }],
  '--minutes': ['minutes', { min: 0.25, whole: false }],
  '--workers': ['workers', { min: 1, whole: true }],
  '--seed': ['seed', { min: 0, whole: true }],
  '--op-seconds': ['opSeconds', { min: 0.1, whole: false }],
  '--converge-minutes': ['convergeMinutes', { min: 0.5, whole: false }],
  '--stall-window': ['stallWindowSeconds', { min: 1, whole: false }],
};
const switches: Record<string, (args: SoakArgs) => void> = {
  '--no-kills': (args) => (args.killEvery = [Infinity, Infinity]),
  '--no-temporal-restart': (args) => (args.temporalRestart = false),
  '--no-faults': (args) => (args.faults = false),
  '--sabotage': (args) => (args.sabotage = true),
  '--help': (args) => (args.help = true),
  '-h': (args) => (args.help = true),
};

export function parseArgs(argv: readonly string[]): SoakArgs {
  const args: SoakArgs = { ...defaultArgs, killEvery: [...defaultArgs.killEvery] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const eq = flag.indexOf('=');
    const name = eq > 0 ? flag.slice(0, eq) : flag;
    const value = () => (eq > 0 ? flag.slice(eq + 1) : argv[++i]);
    const numeric = numberFlags[name];
    const toggle = switches[name];
    if (numeric) args[numeric[0]] = number(name, value(), numeric[1]);
    else if (toggle) toggle(args);
    else if (name === '--store') {
      const store = value();
      if (store !== 'postgres' && store !== 'sqlite') throw new ArgsError(`--store takes postgres or sqlite, got ${store ?? 'nothing'}`);
      args.store = store;
    } else if (name === '--kill-every') {
      const raw = value() ?? '';
      const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(raw);
      const low = Number(m?.[1]);
      const high = Number(m?.[2]);
      if (!m || low < 5 || high < low) throw new ArgsError(`--kill-every takes A-B seconds with 5 ≤ A ≤ B, got ${raw || 'nothing'}`);
      args.killEvery = [low, high];
    } else throw new ArgsError(`unknown flag ${flag}`);
  }
  if (args.store === 'sqlite' && args.workers > 1) throw new ArgsError('--store sqlite runs one worker only (--workers 1): several processes writing need PostgreSQL');
  return args;
}

/** Whether kills are on. */
export function killsOn(args: SoakArgs): boolean {
  return Number.isFinite(args.killEvery[0]);
}
