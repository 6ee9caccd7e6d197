import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { failureTypes } from '../../contract/failure-types';
import { salesforceSyncWorkflowId } from '../../contract/ids';
import type { salesforceSync } from '../../workflows/salesforce-sync';
import { startTestTemporal, type TestTemporal } from '../support/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await startTestTemporal();
});
afterAll(async () => {
  await t?.stop();
});

describe('a workflow started with input it cannot run on', () => {
  it('fails at once with a non-retryable failure naming the fix, instead of retrying its task', async () => {
    const userId = 'user-without-settings';
    const handle = await t.client.workflow.start<typeof salesforceSync>('salesforceSync', { workflowId: salesforceSyncWorkflowId(userId), taskQueue: t.config.taskQueue, args: [{ userId }] });
    const failure = await handle.result().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({ type: failureTypes.invalidWorkflowInput, nonRetryable: true });
    expect(cause?.message).toContain('start it through saveSyncSettings');
    // Failed on its first workflow task, not after retries of it.
    const events = (await handle.fetchHistory()).events ?? [];
    expect(events.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
  });
});
