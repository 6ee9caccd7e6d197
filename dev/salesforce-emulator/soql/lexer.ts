import { errorAt } from './errors';

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Source text of the token (for strings: the decoded value). */
  text: string;
  /** Offset in the query text, for error carets. */
  pos: number;
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/;
const PUNCT = ['!=', '<>', '<=', '>=', '=', '<', '>', '(', ')', ',', ':'];

/**
 * Escapes that the SOQL reference lists for quoted strings. `\%` and `\_` are kept escaped so
 * that LIKE can tell a literal percent from a wildcard; `=` and IN unescape them later.
 */
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    if (ch === "'") {
      const { value, end } = readString(text, i);
      tokens.push({ kind: 'string', text: value, pos: i });
      i = end;
      continue;
    }
    const dt = DATETIME.exec(rest) ?? undefined;
    if (dt) {
      tokens.push({ kind: 'datetime', text: dt[0], pos: i });
      i += dt[0].length;
      continue;
    }
    const d = DATE.exec(rest) ?? undefined;
    if (d) {
      tokens.push({ kind: 'date', text: d[0], pos: i });
      i += d[0].length;
      continue;
    }
    const num = NUMBER.exec(rest) ?? undefined;
    // A sign only starts a number where a value is expected (after an operator, comma or paren).
    if (num && (/\d|\./.test(ch) || signAllowed(tokens))) {
      tokens.push({ kind: 'number', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const id = IDENT.exec(rest) ?? undefined;
    if (id) {
      tokens.push({ kind: 'ident', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const p = PUNCT.find((op) => rest.startsWith(op));
    if (p) {
      tokens.push({ kind: 'punct', text: p, pos: i });
      i += p.length;
      continue;
    }
    throw errorAt('MALFORMED_QUERY', text, i, `unexpected token: '${ch}'`);
  }
  tokens.push({ kind: 'eof', text: '', pos: text.length });
  return tokens;
}

function signAllowed(tokens: Token[]): boolean {
  const prev = tokens[tokens.length - 1];
  return prev !== undefined && prev.kind === 'punct' && prev.text !== ')';
}

function readString(text: string, start: number): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === "'") return { value: out, end: i + 1 };
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) break;
      const lower = next.toLowerCase();
      if (next === '%' || next === '_') out += '\\' + next;
      else if (lower === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      } else if (ESCAPES[lower] !== undefined && (lower === next || /[nrtbf]/.test(lower))) out += ESCAPES[lower];
      else throw errorAt('MALFORMED_QUERY', text, i, `Invalid string literal '${text.slice(start, i + 2)}'. Illegal character sequence '\\${next}' in string literal.`);
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  throw errorAt('MALFORMED_QUERY', text, start, 'unexpected token: unterminated string literal');
}
