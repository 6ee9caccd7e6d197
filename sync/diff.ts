import { comparableTaskFields, taskFieldNames, type TaskFieldName, type TaskFields } from './task-fields';

/**
 * The fields whose value differs between two states, in `taskFieldNames` order.
 * Values are compared after normalisation and within Salesforce's limits (see task-fields.ts),
 * so whitespace at a name's ends or `\r\n` versus `\n` never counts as a change.
 */
export function changedFields(base: TaskFields, current: TaskFields): TaskFieldName[] {
  const b = comparableTaskFields(base);
  const c = comparableTaskFields(current);
  return taskFieldNames.filter((field) => b[field] !== c[field]);
}
