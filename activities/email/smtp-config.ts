import { z } from 'zod';
import type { SmtpRelayConfig } from './relay-to-email-to-salesforce';

/**
 * The SMTP relay BCC copies go through, from the environment. The defaults reach the Salesforce
 * emulator's Email to Salesforce listener (`npm run salesforce-emulator`, SMTP_PORT 2525).
 */
const smtpEnv = z.object({
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(2525),
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
});

export function smtpRelayConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpRelayConfig {
  const parsed = smtpEnv.safeParse(env);
  if (!parsed.success) throw new Error(`SMTP relay configuration is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  if (Boolean(e.SMTP_USER) !== Boolean(e.SMTP_PASSWORD)) throw new Error('Set both SMTP_USER and SMTP_PASSWORD for an authenticated relay, or neither.');
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT,
    secure: e.SMTP_SECURE === 'true',
    ...(e.SMTP_USER && e.SMTP_PASSWORD ? { auth: { user: e.SMTP_USER, pass: e.SMTP_PASSWORD } } : {}),
  };
}
