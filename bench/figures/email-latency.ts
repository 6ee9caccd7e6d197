import { handOverEmail } from '../../client/email-handover';
import { getEmail, saveSyncSettings } from '../../store';
import type { BenchStack } from '../stack';
import { spread, type Spread } from '../stats';
import { seedOrg } from '../users';
import { sleep } from '../wait';

/**
 * Email logging while the worker is busy with something else: one user logs through the API, an
 * email every `everyMs`, each handed over as the API does and timed until the store says it is
 * logged (its Task in Salesforce). Runs until stopped.
 */
export interface EmailProbe {
  stop(): Promise<{ latencies: Spread; samples: number[]; failures: string[] }>;
}

const buyer = 'buyer@bench-mail.test';

export async function startEmailProbe(stack: BenchStack, everyMs: number): Promise<EmailProbe> {
  const org = await seedOrg(stack, 'mail', 1, (owner) => [{ sobject: 'Contact', owner, fields: { FirstName: 'Bo', LastName: 'Buyer', Email: buyer } }]);
  const sender = org.users[0]!;
  await saveSyncSettings(stack.store.db, sender.id, { emailLogging: { mode: 'api', linkOpenOpportunities: false } });
  const samples: number[] = [];
  const failures: string[] = [];
  const state = { stopped: false };
  const inFlight = new Set<Promise<void>>();

  const logOne = async (n: number) => {
    const raw = Buffer.from(
      [`From: <${sender.username}>`, `To: Bo Buyer <${buyer}>`, `Subject: Bench email ${n}`, `Date: ${new Date().toUTCString()}`, `Message-ID: <bench-${stack.runId}-${n}@mail.bench.test>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', '', `Hello ${n}`].join('\r\n'),
    );
    const started = performance.now();
    const { emailId } = await handOverEmail({ client: stack.client, taskQueue: stack.temporal.taskQueue }, stack.store, { userId: sender.id, raw, direction: 'sent' });
    for (;;) {
      const email = await getEmail(stack.store.db, emailId);
      if (email && email.status !== 'pending') {
        if (email.status === 'logged') samples.push((performance.now() - started) / 1000);
        else failures.push(`email ${n}: ${email.status} ${JSON.stringify(email.statusDetail)}`);
        return;
      }
      await sleep(50);
    }
  };

  const loop = (async () => {
    for (let n = 0; !state.stopped; n++) {
      const one = logOne(n).catch((error: unknown) => {
        failures.push(`email ${n}: ${error instanceof Error ? error.message : String(error)}`);
      });
      inFlight.add(one);
      void one.finally(() => inFlight.delete(one));
      await sleep(everyMs);
    }
  })();

  return {
    async stop() {
      state.stopped = true;
      await loop;
      await Promise.all(inFlight);
      return { latencies: spread(samples), samples, failures };
    },
  };
}
