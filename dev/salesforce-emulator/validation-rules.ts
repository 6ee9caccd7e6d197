/**
 * Validation rules a test installs: when the condition holds for the record being saved, the
 * save fails with FIELD_CUSTOM_VALIDATION_EXCEPTION, as a Salesforce validation rule formula
 * that evaluates to true does.
 */
import { z } from 'zod';
import { SfError } from './errors';

export type RuleCondition =
  | {
      field: string;
      op: 'equals' | 'notEquals' | 'isBlank' | 'isNotBlank' | 'contains' | 'startsWith' | 'greaterThan' | 'lessThan' | 'longerThan' | 'isChanged';
      value?: string | number | boolean | null;
    }
  | { all: RuleCondition[] }
  | { any: RuleCondition[] }
  | { not: RuleCondition };

export const ruleConditionSchema: z.ZodType<RuleCondition> = z.lazy(() =>
  z.union([
    z.object({
      field: z.string(),
      op: z.enum(['equals', 'notEquals', 'isBlank', 'isNotBlank', 'contains', 'startsWith', 'greaterThan', 'lessThan', 'longerThan', 'isChanged']),
      value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    }),
    z.object({ all: z.array(ruleConditionSchema) }),
    z.object({ any: z.array(ruleConditionSchema) }),
    z.object({ not: ruleConditionSchema }),
  ]),
);

export const validationRuleSchema = z.object({
  sobject: z.string(),
  name: z.string(),
  condition: ruleConditionSchema,
  message: z.string(),
  /** The field the error is shown on; without it the error is a page-level one (no fields). */
  errorField: z.string().optional(),
  active: z.boolean().optional(),
});
export type ValidationRule = z.infer<typeof validationRuleSchema>;

type Fields = Record<string, unknown>;

function read(r: Fields | undefined, field: string): unknown {
  if (!r) return undefined;
  if (field in r) return r[field];
  const lower = field.toLowerCase();
  for (const k of Object.keys(r)) if (k.toLowerCase() === lower) return r[k];
  return undefined;
}

const blank = (v: unknown): boolean => v === null || v === undefined || v === '';

export function holds(c: RuleCondition, next: Fields, prev: Fields | undefined): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, next, prev));
  if ('any' in c) return c.any.some((x) => holds(x, next, prev));
  if ('not' in c) return !holds(c.not, next, prev);
  const v = read(next, c.field);
  switch (c.op) {
    case 'equals':
      return blank(c.value) ? blank(v) : v === c.value;
    case 'notEquals':
      return blank(c.value) ? !blank(v) : v !== c.value;
    case 'isBlank':
      return blank(v);
    case 'isNotBlank':
      return !blank(v);
    case 'contains':
      return typeof v === 'string' && v.includes(String(c.value));
    case 'startsWith':
      return typeof v === 'string' && v.startsWith(String(c.value));
    case 'greaterThan':
      return !blank(v) && (v as number | string) > (c.value as number | string);
    case 'lessThan':
      return !blank(v) && (v as number | string) < (c.value as number | string);
    case 'longerThan':
      return typeof v === 'string' && v.length > Number(c.value);
    case 'isChanged':
      // ISCHANGED is false on insert.
      return prev !== undefined && read(prev, c.field) !== v;
  }
}

/** Throws the first failing active rule of the object, as Salesforce reports it. */
export function enforceRules(rules: readonly ValidationRule[], sobject: string, next: Fields, prev: Fields | undefined): void {
  for (const rule of rules) {
    if (rule.active === false || rule.sobject.toLowerCase() !== sobject.toLowerCase()) continue;
    if (holds(rule.condition, next, prev)) {
      throw new SfError(400, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.message, rule.errorField ? [rule.errorField] : []);
    }
  }
}
