import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Typed search attributes, so operators can filter users in the Temporal UI or with
 * `temporal workflow list --query "SyncPhase = 'paused'"`.
 */
export const SiaUserId = defineSearchAttributeKey('SiaUserId', SearchAttributeType.KEYWORD);
export const SyncPhase = defineSearchAttributeKey('SyncPhase', SearchAttributeType.KEYWORD);
export const EmailLoggingMode = defineSearchAttributeKey('EmailLoggingMode', SearchAttributeType.KEYWORD);
export const TaskSyncMode = defineSearchAttributeKey('TaskSyncMode', SearchAttributeType.KEYWORD);
/** Salesforce error code of the last failure, or "none". */
export const LastErrorCode = defineSearchAttributeKey('LastErrorCode', SearchAttributeType.KEYWORD);

const allSearchAttributes = [SiaUserId, SyncPhase, EmailLoggingMode, TaskSyncMode, LastErrorCode];

/** `Name=Type` pairs for `temporal server start-dev --search-attribute` and `operator search-attribute create`. */
export function searchAttributeFlags(): string[] {
  const typeNames: Record<string, string> = { KEYWORD: 'Keyword', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList' };
  return allSearchAttributes.map((key) => `${key.name}=${typeNames[key.type] ?? key.type}`);
}
