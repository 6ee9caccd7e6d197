import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec, loadCodecKeyring, type CodecKeyring, type LoadCodecKeysOptions } from './payload-codec';

/** The module with the `failureConverter` export; the workflow bundle must be built with it too. */
export const failureConverterPath = require.resolve('./payload-codec-failure-converter');

/** What the client, the worker and the workflow bundle share: encrypted payloads and failure texts. */
export function encryptedDataConverter(keyring: CodecKeyring): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keyring)], failureConverterPath };
}

/** The one place the data converter is configured from the environment (see loadCodecKeyring). */
export function dataConverterFromEnv(options: LoadCodecKeysOptions = {}): DataConverter {
  return encryptedDataConverter(loadCodecKeyring(options));
}
