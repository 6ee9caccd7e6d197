// Adds tags, summary and security to route schemas.
import type {} from '@fastify/swagger';
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync, RawServerDefault } from 'fastify';
import type { SalesforceAppConfig } from '../../config/salesforce';
import type { Store } from '../../store';
import type { ZodTypeProvider } from './zod-provider';

/** What every route plugin receives as its options. */
export interface ApiDeps {
  store: Store;
  temporal: Client;
  taskQueue: string;
  /** Seals Salesforce refresh tokens and keys the OAuth state signature. */
  secretKey: Buffer;
  salesforceApp: SalesforceAppConfig;
  /** Where the web pages live, e.g. https://sia.example.com (no trailing slash). */
  publicUrl: string;
  now: () => Date;
}

export type ApiPlugin = FastifyPluginAsync<ApiDeps, RawServerDefault, ZodTypeProvider>;
