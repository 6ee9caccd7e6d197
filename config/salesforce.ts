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
});

export interface SalesforceAppConfig {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  apiVersion: string;
}

export function salesforceAppConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SalesforceAppConfig {
  const parsed = salesforceEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Salesforce configuration is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  return { loginUrl: e.SALESFORCE_LOGIN_URL, clientId: e.SALESFORCE_CLIENT_ID, clientSecret: e.SALESFORCE_CLIENT_SECRET, redirectUri: e.SALESFORCE_REDIRECT_URI, apiVersion: e.SALESFORCE_API_VERSION };
}
