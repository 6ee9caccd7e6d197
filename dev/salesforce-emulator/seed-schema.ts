/** What a test (or the demo) may seed: orgs, users, connected apps and records, validated with zod. */
import { z } from 'zod';

export const userSeedSchema = z.object({
  id: z.string().optional(),
  username: z.string(),
  password: z.string(),
  email: z.string(),
  firstName: z.string().nullable().optional(),
  lastName: z.string().optional(),
  viewAllData: z.boolean().optional(),
  apiEnabled: z.boolean().optional(),
  isActive: z.boolean().optional(),
  timeZone: z.string().optional(),
  emailToSalesforceAddress: z.string().nullable().optional(),
  acceptableEmailAddresses: z.array(z.string()).optional(),
});
export type UserSeed = z.infer<typeof userSeedSchema>;

export const connectedAppSeedSchema = z.object({
  clientId: z.string(),
  clientSecret: z.string(),
  callbackUrls: z.array(z.string()).optional(),
  refreshTokenLifetimeSeconds: z.number().positive().optional(),
});
export type ConnectedAppSeed = z.infer<typeof connectedAppSeedSchema>;

export const recordSeedSchema = z.object({
  sobject: z.string(),
  /**
   * Field values as REST shows them. Unlike an API create, a seed may set any field,
   * including CreatedDate, LastModifiedDate and SystemModstamp, to build a past.
   */
  fields: z.record(z.string(), z.unknown()),
  /** Username of the owner; default: the org's first user. */
  owner: z.string().optional(),
  /** Put the record straight into the recycle bin, deleted at this time (ISO 8601). */
  deletedDate: z.string().optional(),
});
export type RecordSeed = z.infer<typeof recordSeedSchema>;

export const orgSeedSchema = z.object({
  orgId: z.string().optional(),
  name: z.string().optional(),
  edition: z.enum(['Enterprise', 'Unlimited', 'Professional', 'Developer', 'Performance']).optional(),
  /** Default: 100,000 + 1,000 per user licence (Enterprise). */
  dailyApiLimit: z.number().int().nonnegative().optional(),
  apiEnabled: z.boolean().optional(),
  auditFieldsOnCreate: z.boolean().optional(),
  emailToSalesforce: z
    .object({ active: z.boolean().optional(), multipleMatch: z.enum(['all', 'oldest', 'mostActivity']).optional() })
    .optional(),
  /** Enhanced Email; default on, as Salesforce has it for most orgs (off by default where Email-to-Case was set up first). */
  enhancedEmail: z.boolean().optional(),
  /** ISO 8601; default: a year before now. */
  createdDate: z.string().optional(),
  replicationIdLimit: z.number().int().positive().optional(),
  connectedApps: z.array(connectedAppSeedSchema).optional(),
  users: z.array(userSeedSchema).optional(),
  records: z.array(recordSeedSchema).optional(),
});
export type OrgSeed = z.infer<typeof orgSeedSchema>;

/** What seeding answers: the ids it gave, so a test can refer to them. */
export interface SeededOrg {
  orgId: string;
  users: Record<string, string>;
  recordIds: string[];
}
