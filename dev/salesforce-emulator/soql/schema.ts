import type { FieldType } from './ast';

/**
 * What the parser needs to know about the org's objects. Only `fieldType` and `hasObject` are
 * required; the optional hooks make the emulator closer to Salesforce where the schema knows more.
 */
export interface SoqlSchema {
  fieldType(sobject: string, field: string): FieldType | undefined;
  hasObject(sobject: string): boolean;
  /** Canonical spelling of a field (`subject` → `Subject`); names in SOQL are case-insensitive. */
  canonicalField?(sobject: string, field: string): string | undefined;
  /** Canonical spelling of an object (`task` → `Task`). */
  canonicalObject?(sobject: string): string | undefined;
  /**
   * Target object of a parent relationship (`Task`, `Owner` → `User`). Polymorphic ones such as
   * `Who`/`What` point at Salesforce's `Name` object. Without this hook, dotted paths are refused.
   */
  relationshipTarget?: (sobject: string, relationship: string) => string | undefined;
  /** Long text areas cannot be filtered; answer false for them. Default: filterable. */
  isFilterable?(sobject: string, field: string): boolean;
  /** Long text areas cannot be sorted on; answer false for them. Default: sortable. */
  isSortable?(sobject: string, field: string): boolean;
}
