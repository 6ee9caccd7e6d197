/** Stops what test/global-setup.ts started. */
export default async function globalTeardown(): Promise<void> {
  const servers = ((globalThis as Record<string, unknown>).__siaTestServers ?? []) as Array<{ stop(): Promise<void> }>;
  await Promise.all(servers.map((s) => s.stop()));
}
