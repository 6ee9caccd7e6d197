import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@temporalio/client';
import type { OpenAPI3 } from 'openapi-typescript';
import { buildServer } from '../../../api/server';
import { openStore } from '../../../store/open-store';

/**
 * TypeScript types of the API, generated from its OpenAPI document with openapi-typescript, as a
 * team calling the API would generate them (for openapi-fetch). The checked-in copy is what the
 * typed-client test compiles against; that test regenerates them from the running server's
 * document and fails when they differ.
 *
 *   npm run openapi-types                  writes the checked-in copy afresh
 *   tsx openapi-types.ts --print <url>     prints the types of the document at <url>
 */

export const generatedTypesFile = join(__dirname, 'openapi-schema.generated.ts');

async function openApiTypes(source: OpenAPI3 | URL): Promise<string> {
  // openapi-typescript loads ES modules that jest cannot: it runs in its own process (printTypesOf).
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const types = astToString(await openapiTS(source));
  return `// Generated from the API's OpenAPI document by openapi-typescript (npm run openapi-types): do not edit.\n${types}`;
}

/** The types of the OpenAPI document at `url`, generated in a process of their own. */
export async function printTypesOf(url: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [require.resolve('tsx/cli'), __filename, '--print', url], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The document of a server that is built but never listens: no store, Temporal or Salesforce is reached. */
async function currentDocument(): Promise<OpenAPI3> {
  const store = await openStore('sqlite::memory:');
  try {
    const app = await buildServer({
      store,
      temporal: new Client(),
      taskQueue: 'unused',
      secretKey: Buffer.alloc(32),
      salesforceApp: { loginUrl: 'http://127.0.0.1:9', clientId: 'unused', clientSecret: 'unused', redirectUri: 'http://127.0.0.1:9/oauth/salesforce/callback', apiVersion: '62.0' },
      publicUrl: 'http://127.0.0.1:9',
      env: {},
    });
    await app.ready();
    const document = JSON.parse(JSON.stringify(app.swagger())) as OpenAPI3;
    await app.close();
    return document;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  (async () => {
    const [flag, url] = process.argv.slice(2);
    if (flag === '--print' && url) {
      process.stdout.write(await openApiTypes(new URL(url)));
      return;
    }
    if (flag !== undefined) throw new Error('Usage: openapi-types.ts [--print <url of an OpenAPI document>]');
    writeFileSync(generatedTypesFile, await openApiTypes(await currentDocument()));
    process.stdout.write(`wrote ${generatedTypesFile}\n`);
  })().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
