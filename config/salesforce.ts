import { z } from 'zod';

/**
 * The connected app the product signs users in with. Defaults point at the local
 * Salesforce emulator's demo org (`npm run salesforce-emulator`).
 */
const salesforceEnv = z.object({
  SALESFORCE_LOGIN_URL: z.url().default('http://127.0.0.1:8443'),
  SALESFORCE_CLIENT_ID: z.string().min(1).default('sia-demo-client'),
  SALESFORCE_CLIENT_SECRET: z.string().min(1).default('sia-demo-secret'),
  SALESFORCE_REDIRECT_URI: z.url().default('http://localhost:3000/oauth/salesforce/callback'),
  SALESFORCE_API_VERSION: z.string().regex(/^\d+\.\d$/, 'like 62.0').default('62.0'),
  SALESFORCE_PUBSUB_ENDPOINT: z.string().default('127.0.0.1:7443'),
  SALESFORCE_PUBSUB_INSECURE_TLS: z.enum(['0', '1']).default('0'),
});

/**
 * Where the integration user subscribes to Task change events (Pub/Sub API, gRPC over TLS):
 * `api.pubsub.salesforce.com:7443` in production. The server's certificate is verified; only
 * the local emulator's self-signed one may be accepted unchecked, and only with SIA_DEV=1.
 */
export interface PubSubConfig {
  endpoint: string;
  /** False only for the emulator (SIA_DEV=1 and SALESFORCE_PUBSUB_INSECURE_TLS=1). */
  verifyTls: boolean;
}

/** The client id the product's Salesforce calls send in `Sforce-Call-Options`, so change events of its own writes are recognised. */
export const salesforceCallClientId = 'sia-sync';

export interface SalesforceAppConfig {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  apiVersion: string;
  /** Change events through the Pub/Sub API; null: orgs with an integration user are polled. */
  pubsub?: PubSubConfig | null;
}

export function salesforceAppConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SalesforceAppConfig {
  const parsed = salesforceEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Salesforce configuration is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  return {
    loginUrl: e.SALESFORCE_LOGIN_URL,
    clientId: e.SALESFORCE_CLIENT_ID,
    clientSecret: e.SALESFORCE_CLIENT_SECRET,
    redirectUri: e.SALESFORCE_REDIRECT_URI,
    apiVersion: e.SALESFORCE_API_VERSION,
    pubsub: pubSubConfig(e.SALESFORCE_PUBSUB_ENDPOINT, e.SALESFORCE_PUBSUB_INSECURE_TLS === '1', env.SIA_DEV === '1'),
  };
}

function pubSubConfig(endpoint: string, insecure: boolean, dev: boolean): PubSubConfig | null {
  if (endpoint === '' || endpoint === 'off') return null;
  if (insecure && !dev) throw new Error('Salesforce configuration is invalid: SALESFORCE_PUBSUB_INSECURE_TLS=1 skips the Pub/Sub server certificate check, which only the local emulator needs; it is allowed with SIA_DEV=1 alone.');
  return { endpoint, verifyTls: !insecure };
}
