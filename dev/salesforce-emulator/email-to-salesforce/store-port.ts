/**
 * What Email to Salesforce needs from the org store. Kept narrow so the listener depends on
 * these few calls only, not on how the store keeps its tables. `OrgStore` satisfies it as is.
 */
import type { EmailToSalesforceSettings, OrgUser } from '../org-model';

export type Fields = Record<string, unknown>;

export interface EmailToSalesforceStore {
  /** The user whose personal Email to Salesforce address this is (case-insensitive), if any. */
  findUserByEmailToSalesforceAddress(address: string): OrgUser | undefined;
  /** The org's Setup → Email to Salesforce settings (active, multiple-match choice). */
  getEmailToSalesforceSettings(orgId: string): EmailToSalesforceSettings;
  /** Live (not deleted) records of one object that satisfy the predicate, as REST shows them. */
  queryRecords(orgId: string, sobject: string, predicate: (fields: Fields) => boolean): Fields[];
  /**
   * Creates a record as that user would through the API (required fields, validation rules);
   * answers the stored record with its Id, or throws with Salesforce's error code.
   */
  createRecord(orgId: string, asUserId: string, sobject: string, fields: Fields): Fields;
}
