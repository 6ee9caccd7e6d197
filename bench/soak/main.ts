import { seededRandom } from '../../dev/seeded-random';
import { cleanup } from '../cleanup';
import { runCommand } from '../cli';
import { killsOn, parseArgs, usage, type SoakArgs } from './args';
import { runChaos } from './chaos';
import { converge, finalState, startWatcher, storyLines, withoutCause } from './check';
import { runPeople } from './operations';
import { formatReport, heldSummary, problems, stalls, type ChaosEvent, type SoakSummary } from './report';
import { startSoakStack } from './stack';
import { createSoakUsers, type SoakUser } from './users';

/**
 * `npm run soak`: a bounded run of the whole product on loopback while things go wrong, that
 * stops by itself and checks nothing was lost. Users edit tasks on both sides; worker processes
 * are killed, the Temporal server restarted, Salesforce faults injected; then everything is
 * quiesced and each user's two sides are compared with what the people did.
 * Exits 1 on any loss, duplicate, failed workflow or convergence past the bound.
 */
async function main(args: SoakArgs): Promise<boolean> {
  const started = Date.now();
  const say = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  const command = `npm run soak${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const random = seededRandom(args.seed);

  const stack = await startSoakStack({ store: args.store, workers: args.workers, say });
  const users = await createSoakUsers(stack, args.users, say);
  // One generator per user and one for the chaos, all from the seed: a user's choices do not depend on the others'.
  const userRandoms = users.map(() => seededRandom(Math.floor(random() * 2 ** 32)));
  const chaosRandom = seededRandom(Math.floor(random() * 2 ** 32));

  const watcher = startWatcher(stack, users, Math.max(1000, users.length * 40));
  const from = Date.now();
  const until = from + args.minutes * 60_000;
  say(`operations for ${args.minutes} min: ${args.users} users, ${args.workers} workers, ${killsOn(args) ? `a kill every ${args.killEvery.join('–')} s` : 'no kills'}${args.temporalRestart ? ', one Temporal restart' : ''}${args.faults ? ', Salesforce faults' : ''}`);
  let aborted = false;
  const [people, chaos] = await Promise.all([
    runPeople(stack, users, userRandoms, { opSeconds: args.opSeconds, until, stopped: () => aborted }),
    runChaos(stack, users, chaosRandom, { killEvery: args.killEvery, temporalRestart: args.temporalRestart, faults: args.faults, from, until, stopped: () => aborted }, say).catch((error: unknown) => {
      aborted = true;
      throw error;
    }),
  ]);
  const operationsEnded = Date.now();
  await stack.emulator.control.clearFaults();
  if (args.sabotage) say(`sabotage: ${await sabotage(users)}`);
  say(`operations stopped (${Object.values(people.tally.sia).reduce((a, b) => a + b, 0)} in SIA, ${Object.values(people.tally.sf).reduce((a, b) => a + b, 0)} in Salesforce); faults off; resyncing every user and waiting for convergence (bound ${args.convergeMinutes} min)…`);

  const convergence = await converge(stack, users, args.convergeMinutes * 60_000, say);
  say(convergence.convergedMs === null ? `not converged within ${args.convergeMinutes} min: ${users.length - convergence.perUser.size} users still differ` : `converged ${(convergence.convergedMs / 1000).toFixed(0)} s after operations stopped; final Resync and checks…`);
  const final = await finalState(stack, users, 120_000, from);
  await watcher.stop();
  const endedAt = Date.now();

  const crashed = stack.workers.crashed().map((w) => `worker ${w.pid} exited by itself (code ${w.child.exitCode ?? w.child.signalCode ?? '?'}); log ${w.logFile}`);
  const events: ChaosEvent[] = [
    ...chaos.kills.map((k, i) => ({ what: `kill ${i + 1} (pid ${k.pid})`, at: k.at, recoveryMs: k.replacementMs, held: heldSummary(k.held ?? []) })),
    ...chaos.restarts.map((r) => ({ what: 'Temporal restart', at: r.at, recoveryMs: r.downMs })),
  ].sort((a, b) => a.at - b.at);
  const writes = users.map((u) => ({ user: u.id, writes: u.model.writes() }));
  const verdicts = [...final.verdicts.entries()];
  const prefix = (user: string, items: string[]) => items.map((i) => `${user}: ${i}`);
  const chaosMissing: string[] = [];
  if (killsOn(args) && args.minutes * 60 >= args.killEvery[1] && chaos.kills.length === 0) chaosMissing.push('no worker was killed');
  if (args.temporalRestart && chaos.restarts.length === 0) chaosMissing.push('the Temporal dev server was not restarted');

  const summary: SoakSummary = {
    command,
    setting: `${args.users} users × own org, ${args.workers} worker processes, ${args.store === 'postgres' ? 'PostgreSQL' : 'SQLite'}, seed ${args.seed}, an operation per user every ~${args.opSeconds} s; Temporal dev server, API and workers as processes, emulator in-process`,
    operationsSeconds: (operationsEnded - from) / 1000,
    startedAt: from,
    tally: people.tally,
    failures: [...people.failures, ...chaos.failures, ...watcher.failures, ...crashed, ...chaosMissing],
    writes,
    kills: chaos.kills.length,
    restarts: chaos.restarts.length,
    faults: chaos.faults,
    faultWindows: chaos.faultWindows,
    stalls: stalls(events, writes, args.stallWindowSeconds * 1000, endedAt),
    stallWindowSeconds: args.stallWindowSeconds,
    convergeBoundSeconds: args.convergeMinutes * 60,
    convergedSeconds: convergence.convergedMs === null ? null : convergence.convergedMs / 1000,
    lost: verdicts.flatMap(([u, v]) => prefix(u, v.lost)),
    duplicated: verdicts.flatMap(([u, v]) => prefix(u, v.duplicated)),
    unequal: verdicts.flatMap(([u, v]) => prefix(u, v.unequal)),
    failedWorkflows: [...final.workflows.failed, ...final.workflows.terminated, ...final.workflows.timedOut, ...final.workflows.canceled],
    notRunning: final.notRunning,
    openErrors: final.openErrors.length,
    errorsWithoutCause: final.openErrors.filter(withoutCause).map((e) => `${e.user} ${e.key}: code "${e.code}", message "${e.message}"`),
    endedAt,
  };
  process.stdout.write(`\n${formatReport(summary)}\n`);
  const longest = [...watcher.stalls].sort((a, b) => a.waitingSince - a.at - (b.waitingSince - b.at)).slice(0, 10);
  if (longest.length > 0) {
    const t = (ms: number) => `${((ms - from) / 1000).toFixed(0)} s`;
    process.stdout.write(`\nchanges waiting over a minute, longest first (seconds after operations started; the user's workflow then):\n${longest.map((n) => `  ${t(n.at)} ${n.user}: ${n.change} waiting since ${t(n.waitingSince)}; ${n.workflow}`).join('\n')}\n`);
    // What happened to the tasks of the three longest waits, beside the lost ones.
    const told = new Set<string>();
    for (const n of longest) {
      const key = `${n.user}/${n.task}`;
      if (told.size >= 3 || told.has(key)) continue;
      told.add(key);
      const user = users.find((u) => u.id === n.user);
      if (user) final.stories.push(...(await storyLines(stack, user, n.task, from)));
    }
  }
  if (final.stories.length > 0) process.stdout.write(`\nwhat happened to the tasks in question (people's writes, then the sync log; seconds after operations started):\n${final.stories.join('\n')}\n`);
  if (final.openErrors.length > 0) process.stdout.write(`open sync errors (with their cause): ${final.openErrors.slice(0, 10).map((e) => `${e.user} ${e.key} ${e.code}`).join('; ')}\n`);
  process.stdout.write(`took ${((Date.now() - started) / 1000).toFixed(0)} s; logs in ${stack.dir} (kept with SOAK_KEEP_DIR=1)\n`);
  return problems(summary).length === 0;
}

/** A change nobody records: a live Salesforce task of some user deleted through jsforce. The checks must catch it. */
async function sabotage(users: readonly SoakUser[]): Promise<string> {
  for (const user of users) {
    const task = user.model.tasks.find((t) => t.sfId !== undefined && user.model.alive(t));
    if (!task?.sfId) continue;
    await user.sf.sobject('Task').destroy(task.sfId);
    return `deleted Salesforce task ${task.sfId} of ${user.id} without recording it`;
  }
  return 'found no live Salesforce task to delete';
}

runCommand('soak', parseArgs, usage, (args) => {
  // Every wait inside has its own bound; this one is the last word, so the run always stops by itself.
  const hardLimitMs = (args.minutes + args.convergeMinutes + 20) * 60_000;
  setTimeout(() => {
    process.stderr.write(`soak failed: still running after ${hardLimitMs / 60_000} min; stopping everything\n`);
    void cleanup().finally(() => process.exit(1));
  }, hardLimitMs).unref();
  return main(args);
});
