/** Field types the emulator's schema can report; they decide literal typing and comparison. */
export type FieldType =
  | 'id'
  | 'reference'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime';

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  /** A calendar day, as days since 1970-01-01 (UTC). */
  | { kind: 'date'; day: number }
  | { kind: 'datetime'; epochMs: number }
  /** TODAY, LAST_N_DAYS:n …, resolved against `now` at execution time. */
  | { kind: 'dateLiteral'; name: string; n?: number };

/** A selected or filtered field: its canonical path (`Subject`, `Owner.Email`) and its type. */
export interface FieldRef {
  path: string[];
  type: FieldType;
}

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { type: 'compare'; field: FieldRef; op: ComparisonOp; value: Literal }
  | { type: 'in'; field: FieldRef; negate: boolean; values: Literal[] }
  | { type: 'like'; field: FieldRef; pattern: string }
  | { type: 'and'; items: Condition[] }
  | { type: 'or'; items: Condition[] }
  | { type: 'not'; item: Condition };

export interface OrderItem {
  field: FieldRef;
  direction: 'ASC' | 'DESC';
  nulls: 'FIRST' | 'LAST';
}

export interface ParsedQuery {
  /** Canonical object name as the schema spells it. */
  sobject: string;
  /** Canonical field paths in SELECT order; relationship fields keep their dot (`Owner.Email`). */
  fields: string[];
  /** Types of `fields`, same order. */
  fieldRefs: FieldRef[];
  isCount: boolean;
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}
