import { ArgsError } from './args';
import { cleanup } from './cleanup';

/**
 * The command-line shell of `npm run bench` and `npm run soak`: flags parsed (a mistake prints
 * it with the usage and exits 2, --help prints the usage), the run, then everything it started
 * stopped. Exits 1 when the run answers false (it did not pass) or throws, else 0.
 */
export function runCommand<A extends { help: boolean }>(name: string, parse: (argv: readonly string[]) => A, usage: string, run: (args: A) => Promise<unknown>): void {
  let args: A;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  run(args)
    .then(async (passed) => {
      await cleanup();
      process.exit(passed === false ? 1 : 0);
    })
    .catch(async (error: unknown) => {
      process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      await cleanup();
      process.exit(1);
    });
}
