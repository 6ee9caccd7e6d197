/** The shapes the org store keeps: orgs, users, connected apps and stored records. */
import type { ObjectDef } from './schema';
import type { ValidationRule } from './validation-rules';

export type Edition = 'Enterprise' | 'Unlimited' | 'Professional' | 'Developer' | 'Performance';

/** How Email to Salesforce picks among several matching records (Setup → Email to Salesforce). */
export type EmailToSalesforceMultipleMatch = 'all' | 'oldest' | 'mostActivity';

export interface EmailToSalesforceSettings {
  active: boolean;
  multipleMatch: EmailToSalesforceMultipleMatch;
}

export interface OrgSettings {
  orgId: string;
  name: string;
  edition: Edition;
  /** Requests per rolling 24 hours before REQUEST_LIMIT_EXCEEDED. */
  dailyApiLimit: number;
  /** False: the org has no API access (Professional without the Web Services API). */
  apiEnabled: boolean;
  /** "Set Audit Fields upon Record Creation": CreatedDate, CreatedById … writable on create. */
  auditFieldsOnCreate: boolean;
  emailToSalesforce: EmailToSalesforceSettings;
  /** Enhanced Email (Setup → Enhanced Email): without it EmailMessage and EmailMessageRelation do not exist. */
  enhancedEmail: boolean;
  /** When the org was created; nothing can be replicated from before it. */
  createdMs: number;
  /** Ids answered by /updated and /deleted before EXCEEDED_ID_LIMIT (Salesforce: 600,000). */
  replicationIdLimit: number;
}

export interface OrgUser {
  id: string;
  orgId: string;
  username: string;
  password: string;
  email: string;
  firstName: string | null;
  lastName: string;
  /** "View All Data": sees and writes every record. */
  viewAllData: boolean;
  /** "API Enabled" permission; without it REST answers API_CURRENTLY_DISABLED. */
  apiEnabled: boolean;
  isActive: boolean;
  timeZone: string;
  /** The user's personal Email to Salesforce address (My Settings → Email → My Email to Salesforce). */
  emailToSalesforceAddress: string | null;
  /** "My Acceptable Email Addresses": senders Email to Salesforce accepts for this user. */
  acceptableEmailAddresses: string[];
}

export interface ConnectedApp {
  clientId: string;
  clientSecret: string;
  /** Allowed redirect URIs; empty accepts any (documented emulator shortcut). */
  callbackUrls: string[];
  /** Refresh tokens expire after this many seconds; undefined: valid until revoked (SF default). */
  refreshTokenLifetimeSeconds?: number;
}

export interface StoredRecord {
  def: ObjectDef;
  /** Field values as REST shows them, keyed by canonical field name. */
  fields: Record<string, unknown>;
  /** SystemModstamp in epoch ms (kept numeric for replication windows). */
  modstampMs: number;
  createdMs: number;
  /** Set while the record sits in the recycle bin. */
  deletedMs?: number;
}

export interface OrgData {
  settings: OrgSettings;
  users: Map<string, OrgUser>;
  apps: Map<string, ConnectedApp>;
  /** Records per object name (canonical), in creation order. */
  tables: Map<string, Map<string, StoredRecord>>;
  /**
   * Per object, its records by OwnerId in creation order: what a user without View All Data
   * sees of an object only owners see, found without reading every record of the org (a query
   * of one user in an org of 100,000 tasks read them all). Built when a query needs it, dropped
   * whenever a record of the object comes, goes or changes owner.
   */
  byOwner: Map<string, Map<unknown, StoredRecord[]>>;
  recycleBin: Set<StoredRecord>;
  /** Per object: deletion time of the newest record purged from the recycle bin. */
  purgedThroughMs: Map<string, number>;
  validationRules: ValidationRule[];
}
