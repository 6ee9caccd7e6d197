/** Stops the emulator process global-setup.ts started, if it started one. */
import type { ChildProcess } from 'node:child_process';
import { stopEmulatorProcess } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const child = (globalThis as Record<string, unknown>).__salesforceContractEmulator as ChildProcess | undefined;
  if (child) await stopEmulatorProcess(child);
}
