import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Puts failure messages and stack traces into an encoded payload instead of plain text, so the
 * payload codec encrypts them too (they often quote addresses or server answers). Loaded by
 * path: by the client and worker, and bundled into the workflow code.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
