/**
 * SOQL for the Salesforce emulator: a parser that binds a query to the org's schema and refuses
 * what Salesforce refuses, and an evaluator that answers it over rows shaped like REST records.
 */
export type { FieldType, ParsedQuery, Condition, Literal, FieldRef, OrderItem, ComparisonOp } from './ast';
export type { SoqlSchema } from './schema';
export { SoqlError, type SoqlErrorCode } from './errors';
export { parseSoql } from './parser';
export { executeSoql, readPath, type QueryResult } from './execute';
export { idKey, isValidId, parseDateTime, parseDay } from './values';
