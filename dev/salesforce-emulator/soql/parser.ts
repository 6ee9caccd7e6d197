import type { ComparisonOp, Condition, FieldRef, FieldType, Literal, OrderItem, ParsedQuery } from './ast';
import { isDateLiteralWithN, isFixedDateLiteral } from './date-literals';
import { errorAt, type SoqlError } from './errors';
import { tokenize, type Token } from './lexer';
import type { SoqlSchema } from './schema';
import { isValidId, parseDateTime, parseDay } from './values';

const MAX_OFFSET = 2000;
const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist']);
const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(['int', 'double', 'currency', 'percent']);
const CLAUSE_WORDS = new Set(['SELECT', 'FROM', 'WHERE', 'ORDER', 'BY', 'LIMIT', 'OFFSET', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'ASC', 'DESC', 'NULLS', 'GROUP', 'HAVING', 'WITH', 'FOR', 'ALL', 'USING']);

const NO_SUCH_COLUMN_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";

export function parseSoql(text: string, schema: SoqlSchema): ParsedQuery {
  return new Parser(text, schema).parse();
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private sobject = '';

  constructor(
    private readonly text: string,
    private readonly schema: SoqlSchema,
  ) {
    this.tokens = tokenize(text);
  }

  parse(): ParsedQuery {
    this.expectKeyword('SELECT');
    const selectItems = this.parseSelectList();
    this.expectKeyword('FROM');
    this.sobject = this.parseObject();
    const { fields, fieldRefs, isCount } = this.resolveSelect(selectItems);

    const query: ParsedQuery = { sobject: this.sobject, fields, fieldRefs, isCount, orderBy: [] };
    if (this.acceptKeyword('WHERE')) query.where = this.parseCondition();
    if (this.peekKeyword('ORDER')) {
      this.next();
      this.expectKeyword('BY');
      query.orderBy = this.parseOrderBy();
    }
    if (this.acceptKeyword('LIMIT')) query.limit = this.parseCount('LIMIT');
    if (this.peekKeyword('OFFSET')) {
      const tok = this.next();
      const offset = this.parseCount('OFFSET');
      if (offset > MAX_OFFSET) {
        throw errorAt('NUMBER_OUTSIDE_VALID_RANGE', this.text, tok.pos, `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
      }
      query.offset = offset;
    }
    if (this.peekKeyword('ALL')) {
      // ALL ROWS is Apex-only; over the API deleted rows come from the queryAll resource.
      throw this.error('MALFORMED_QUERY', this.peek(), 'ALL ROWS not allowed in this context');
    }
    const tail = this.peek();
    if (tail.kind !== 'eof') throw this.unexpected(tail);
    return query;
  }

  // ---- SELECT ----

  private parseSelectList(): Token[] {
    const items: Token[] = [];
    for (;;) {
      const tok = this.next();
      if (tok.kind !== 'ident' || CLAUSE_WORDS.has(tok.text.toUpperCase())) throw this.unexpected(tok);
      if (this.peekPunct('(')) {
        this.next();
        if (tok.text.toUpperCase() !== 'COUNT' || !this.peekPunct(')')) {
          throw this.error('MALFORMED_QUERY', tok, `Function or subquery '${tok.text}(...)' is not supported by this emulator`);
        }
        this.next();
        items.push({ ...tok, kind: 'punct', text: 'COUNT()' });
      } else {
        items.push(tok);
      }
      if (!this.peekPunct(',')) return items;
      this.next();
    }
  }

  private resolveSelect(items: Token[]): { fields: string[]; fieldRefs: FieldRef[]; isCount: boolean } {
    const counts = items.filter((t) => t.kind === 'punct');
    if (counts.length > 0) {
      if (items.length > 1) {
        const other = items.find((t) => t.kind !== 'punct') ?? items[1] ?? items[0];
        throw this.error('MALFORMED_QUERY', other as Token, 'COUNT() cannot be combined with other fields in the field list');
      }
      return { fields: [], fieldRefs: [], isCount: true };
    }
    const seen = new Set<string>();
    const fieldRefs = items.map((tok) => {
      const ref = this.resolveField(tok);
      const key = ref.path.join('.').toLowerCase();
      if (seen.has(key)) throw this.error('MALFORMED_QUERY', tok, `duplicate field selected: ${ref.path.join('.')}`);
      seen.add(key);
      return ref;
    });
    return { fields: fieldRefs.map((r) => r.path.join('.')), fieldRefs, isCount: false };
  }

  private parseObject(): string {
    const tok = this.next();
    if (tok.kind !== 'ident' || CLAUSE_WORDS.has(tok.text.toUpperCase()) || tok.text.includes('.')) throw this.unexpected(tok);
    const canonical = this.schema.canonicalObject?.(tok.text) ?? tok.text;
    if (!this.schema.hasObject(canonical)) {
      throw this.error(
        'INVALID_TYPE',
        tok,
        `sObject type '${tok.text}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    return canonical;
  }

  /** Resolves `Field` or `Rel.Rel.Field` against the schema, in canonical spelling. */
  private resolveField(tok: Token): FieldRef {
    const parts = tok.text.split('.');
    const fieldName = parts.pop() as string;
    let object = this.sobject;
    const path: string[] = [];
    for (const rel of parts) {
      const target = this.schema.relationshipTarget?.(object, rel);
      if (target === undefined) {
        throw this.error(
          'INVALID_FIELD',
          tok,
          `Didn't understand relationship '${rel}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
        );
      }
      path.push(canonicalRelationship(this.schema, object, rel));
      object = target;
    }
    const canonical = this.schema.canonicalField?.(object, fieldName) ?? fieldName;
    const type = this.schema.fieldType(object, canonical);
    if (type === undefined) {
      throw this.error('INVALID_FIELD', tok, `No such column '${fieldName}' on entity '${object}'. ${NO_SUCH_COLUMN_HINT}`);
    }
    path.push(canonical);
    return { path, type };
  }

  private leafOf(tok: Token): { object: string; field: string } {
    const parts = tok.text.split('.');
    let object = this.sobject;
    for (const rel of parts.slice(0, -1)) object = this.schema.relationshipTarget?.(object, rel) ?? object;
    const last = parts[parts.length - 1] as string;
    return { object, field: this.schema.canonicalField?.(object, last) ?? last };
  }

  // ---- WHERE ----

  /**
   * SOQL has no precedence between AND and OR: mixing them (or a bare NOT) at one level without
   * parentheses is a syntax error, so a level is a run of one operator only.
   */
  private parseCondition(): Condition {
    const first = this.parseUnary();
    const opTok = this.peek();
    const op = opTok.kind === 'ident' ? opTok.text.toUpperCase() : '';
    if (op !== 'AND' && op !== 'OR') return first.cond;
    if (first.bareNot) throw this.unexpected(opTok);
    const items = [first.cond];
    while (this.peekKeyword(op)) {
      this.next();
      const item = this.parseUnary();
      if (item.bareNot) throw this.unexpected(item.tok);
      items.push(item.cond);
    }
    const after = this.peek();
    if (after.kind === 'ident' && ['AND', 'OR'].includes(after.text.toUpperCase())) throw this.unexpected(after);
    return op === 'AND' ? { type: 'and', items } : { type: 'or', items };
  }

  private parseUnary(): { cond: Condition; bareNot: boolean; tok: Token } {
    const tok = this.peek();
    if (this.peekKeyword('NOT')) {
      this.next();
      return { cond: { type: 'not', item: this.parseUnary().cond }, bareNot: true, tok };
    }
    if (this.peekPunct('(')) {
      this.next();
      const cond = this.parseCondition();
      this.expectPunct(')');
      return { cond, bareNot: false, tok };
    }
    return { cond: this.parseFieldExpression(), bareNot: false, tok };
  }

  private parseFieldExpression(): Condition {
    const fieldTok = this.next();
    if (fieldTok.kind !== 'ident' || CLAUSE_WORDS.has(fieldTok.text.toUpperCase())) throw this.unexpected(fieldTok);
    const field = this.resolveField(fieldTok);
    const leaf = this.leafOf(fieldTok);
    if (this.schema.isFilterable?.(leaf.object, leaf.field) === false) {
      throw this.error('INVALID_FIELD', fieldTok, `field '${leaf.field}' can not be filtered in a query call`);
    }
    const opTok = this.next();
    const word = opTok.kind === 'ident' ? opTok.text.toUpperCase() : '';
    if (word === 'LIKE') {
      if (!TEXT_TYPES.has(field.type)) throw this.invalidOperator(opTok, field);
      const valueTok = this.peek();
      const value = this.parseLiteral();
      if (value.kind !== 'string') throw this.typeMismatch(valueTok, field);
      return { type: 'like', field, pattern: value.value };
    }
    if (word === 'IN' || (word === 'NOT' && this.peekKeyword('IN'))) {
      if (word === 'NOT') this.next();
      if (field.type === 'boolean') throw this.invalidOperator(opTok, field);
      this.expectPunct('(');
      const values: Literal[] = [];
      do {
        const valueTok = this.peek();
        values.push(this.checkValue(field, this.parseLiteral(), valueTok));
      } while (this.acceptPunct(','));
      this.expectPunct(')');
      return { type: 'in', field, negate: word === 'NOT', values };
    }
    if (word === 'INCLUDES' || word === 'EXCLUDES') throw this.invalidOperator(opTok, field);
    if (opTok.kind !== 'punct' || !['=', '!=', '<>', '<', '<=', '>', '>='].includes(opTok.text)) throw this.unexpected(opTok);
    const op = (opTok.text === '<>' ? '!=' : opTok.text) as ComparisonOp;
    const valueTok = this.peek();
    const value = this.checkValue(field, this.parseLiteral(), valueTok);
    if (field.type === 'boolean' && op !== '=' && op !== '!=') throw this.invalidOperator(opTok, field);
    return { type: 'compare', field, op, value };
  }

  private parseLiteral(): Literal {
    const tok = this.next();
    switch (tok.kind) {
      case 'string':
        return { kind: 'string', value: tok.text };
      case 'number':
        return { kind: 'number', value: Number(tok.text) };
      case 'date': {
        const day = parseDay(tok.text);
        if (day === undefined) throw this.error('MALFORMED_QUERY', tok, `line 1:${tok.pos} no viable alternative at character '${tok.text}'`);
        return { kind: 'date', day };
      }
      case 'datetime': {
        const epochMs = parseDateTime(tok.text);
        if (epochMs === undefined) throw this.error('MALFORMED_QUERY', tok, `line 1:${tok.pos} no viable alternative at character '${tok.text}'`);
        return { kind: 'datetime', epochMs };
      }
      case 'ident': {
        const word = tok.text.toUpperCase();
        if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE' };
        if (word === 'NULL') return { kind: 'null' };
        if (isFixedDateLiteral(word)) return { kind: 'dateLiteral', name: word };
        if (isDateLiteralWithN(word)) {
          this.expectPunct(':');
          const nTok = this.next();
          if (nTok.kind !== 'number' || !/^\d+$/.test(nTok.text)) throw this.unexpected(nTok);
          return { kind: 'dateLiteral', name: word, n: Number(nTok.text) };
        }
        throw this.unexpected(tok);
      }
      default:
        throw this.unexpected(tok);
    }
  }

  /** Salesforce binds literals to the field's type at parse time and refuses mismatches. */
  private checkValue(field: FieldRef, value: Literal, tok: Token): Literal {
    if (value.kind === 'null') return value;
    const t = field.type;
    const ok =
      TEXT_TYPES.has(t) || t === 'id' || t === 'reference'
        ? value.kind === 'string'
        : t === 'boolean'
          ? value.kind === 'boolean'
          : NUMBER_TYPES.has(t)
            ? value.kind === 'number'
            : t === 'date'
              ? value.kind === 'date' || value.kind === 'dateLiteral'
              : value.kind === 'datetime' || value.kind === 'dateLiteral';
    if (!ok) throw this.typeMismatch(tok, field);
    if ((t === 'id' || t === 'reference') && value.kind === 'string' && value.value !== '' && !isValidId(value.value)) {
      throw this.error('INVALID_QUERY_FILTER_OPERATOR', tok, `invalid ID field: ${value.value}`);
    }
    if (t === 'int' && value.kind === 'number' && !Number.isInteger(value.value)) throw this.typeMismatch(tok, field);
    return value;
  }

  // ---- ORDER BY, LIMIT ----

  private parseOrderBy(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const tok = this.next();
      if (tok.kind !== 'ident' || CLAUSE_WORDS.has(tok.text.toUpperCase())) throw this.unexpected(tok);
      const field = this.resolveField(tok);
      const leaf = this.leafOf(tok);
      if (this.schema.isSortable?.(leaf.object, leaf.field) === false) {
        throw this.error('INVALID_FIELD', tok, `field '${leaf.field}' can not be sorted in a query call`);
      }
      let direction: 'ASC' | 'DESC' = 'ASC';
      if (this.acceptKeyword('ASC')) direction = 'ASC';
      else if (this.acceptKeyword('DESC')) direction = 'DESC';
      // The reference: "By default, null values are sorted first", whatever the direction.
      let nulls: 'FIRST' | 'LAST' = 'FIRST';
      if (this.acceptKeyword('NULLS')) {
        if (this.acceptKeyword('FIRST')) nulls = 'FIRST';
        else if (this.acceptKeyword('LAST')) nulls = 'LAST';
        else throw this.unexpected(this.peek());
      }
      items.push({ field, direction, nulls });
    } while (this.acceptPunct(','));
    return items;
  }

  private parseCount(clause: string): number {
    const tok = this.next();
    if (tok.kind !== 'number' || !/^\d+$/.test(tok.text)) {
      throw this.error('MALFORMED_QUERY', tok, `${clause} must be a non-negative integer, found: ${tok.text || 'end of query'}`);
    }
    return Number(tok.text);
  }

  // ---- token helpers ----

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }

  private next(): Token {
    const tok = this.peek();
    if (tok.kind !== 'eof') this.i++;
    return tok;
  }

  private peekKeyword(word: string): boolean {
    const tok = this.peek();
    return tok.kind === 'ident' && tok.text.toUpperCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.peekKeyword(word)) return false;
    this.next();
    return true;
  }

  private expectKeyword(word: string): void {
    const tok = this.next();
    if (tok.kind !== 'ident' || tok.text.toUpperCase() !== word) throw this.unexpected(tok);
  }

  private peekPunct(p: string): boolean {
    const tok = this.peek();
    return tok.kind === 'punct' && tok.text === p;
  }

  private acceptPunct(p: string): boolean {
    if (!this.peekPunct(p)) return false;
    this.next();
    return true;
  }

  private expectPunct(p: string): void {
    const tok = this.next();
    if (tok.kind !== 'punct' || tok.text !== p) throw this.unexpected(tok);
  }

  private error(code: SoqlError['errorCode'], tok: Token, message: string): SoqlError {
    return errorAt(code, this.text, tok.pos, message);
  }

  private unexpected(tok: Token): SoqlError {
    if (tok.kind === 'eof') return this.error('MALFORMED_QUERY', tok, 'unexpected token: <EOF>');
    const shown = tok.kind === 'string' ? `'${tok.text}'` : tok.text;
    return this.error('MALFORMED_QUERY', tok, `unexpected token: '${shown}'`);
  }

  private typeMismatch(tok: Token, field: FieldRef): SoqlError {
    const name = field.path[field.path.length - 1] as string;
    const quoted = TEXT_TYPES.has(field.type) || field.type === 'id' || field.type === 'reference';
    const typeName = field.type === 'datetime' ? 'dateTime' : TEXT_TYPES.has(field.type) ? 'string' : field.type;
    return this.error(
      'INVALID_FIELD',
      tok,
      `value of filter criterion for field '${name}' must be of type ${typeName} and ${quoted ? 'should be enclosed in quotes' : 'should not be enclosed in quotes'}`,
    );
  }

  private invalidOperator(tok: Token, field: FieldRef): SoqlError {
    return this.error('INVALID_QUERY_FILTER_OPERATOR', tok, `invalid operator on ${field.type} field: ${tok.text}`);
  }
}

function canonicalRelationship(schema: SoqlSchema, object: string, rel: string): string {
  // Relationship names follow their Id field (`Owner` ↔ `OwnerId`); use its spelling when known.
  const idField = schema.canonicalField?.(object, `${rel}Id`);
  return idField !== undefined && /Id$/.test(idField) ? idField.slice(0, -2) : rel;
}
