/**
 * Global setup of `npm run test:salesforce-contract`. With SALESFORCE_USERNAME set it only says
 * which org the tests will change. Without it, it starts `npm run salesforce-emulator` as a
 * separate process (free ports), reads the URL and demo credentials it prints, and passes them
 * to the tests as SALESFORCE_LOGIN_URL, SALESFORCE_USERNAME, SALESFORCE_PASSWORD,
 * SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET, which jest's workers inherit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { credentialsFromEnv } from './target';

const ROOT = resolve(__dirname, '../../..');

/** What `npm run salesforce-emulator` prints (main.ts), read into the variables a real org would need. */
export function parseEmulatorBanner(text: string): Record<string, string> | undefined {
  const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
  const app = /Connected app: client_id=(\S+) client_secret=(\S+)/.exec(text);
  const users = /Users \(password "([^"]*)"\): ([^,\s]+)/.exec(text);
  if (!url || !app || !users) return undefined;
  return {
    SALESFORCE_LOGIN_URL: url,
    SALESFORCE_USERNAME: users[2] as string,
    SALESFORCE_PASSWORD: users[1] as string,
    SALESFORCE_CLIENT_ID: app[1] as string,
    SALESFORCE_CLIENT_SECRET: app[2] as string,
  };
}

function startEmulatorProcess(): Promise<{ child: ChildProcess; vars: Record<string, string> }> {
  const child = spawn('npm', ['run', '--silent', 'salesforce-emulator'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', SMTP_PORT: '0', HOST: '127.0.0.1' },
    // Its own process group, so the teardown stops npm and the emulator under it together.
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done, fail) => {
    let printed = '';
    const timer = setTimeout(() => {
      void stopEmulatorProcess(child);
      fail(new Error(`npm run salesforce-emulator printed no URL and credentials within 60 s:\n${printed}`));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      if (!/^Test surface: /m.test(printed)) return;
      const vars = parseEmulatorBanner(printed);
      clearTimeout(timer);
      if (vars) done({ child, vars });
      else fail(new Error(`cannot read the URL and credentials npm run salesforce-emulator printed:\n${printed}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`npm run salesforce-emulator exited (${String(code)}) before it was ready:\n${printed}`));
    });
  });
}

const running = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

/** Stops npm and the emulator under it; resolves when npm has exited. */
export async function stopEmulatorProcess(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || !running(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

export default async function globalSetup(): Promise<void> {
  const creds = credentialsFromEnv();
  if (creds) {
    process.stderr.write(`\nSalesforce contract tests against ${creds.loginUrl} as ${creds.username} (API ${creds.apiVersion})\n`);
    return;
  }
  const { child, vars } = await startEmulatorProcess();
  delete process.env.SALESFORCE_SECURITY_TOKEN;
  Object.assign(process.env, vars);
  (globalThis as Record<string, unknown>).__salesforceContractEmulator = child;
  process.stderr.write(`\nSalesforce contract tests against the emulator process ${vars.SALESFORCE_LOGIN_URL as string} (pid ${String(child.pid)})\n`);
}
