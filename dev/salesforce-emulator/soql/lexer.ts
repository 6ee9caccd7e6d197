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
    const matched = matchValueOrName(rest, ch, tokens);
    if (matched) {
      tokens.push({ kind: matched.kind, text: matched.text, pos: i });
      i += matched.text.length;
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

/** Datetime before date before number, so `2024-01-15T…` is never read as a subtraction. */
const PATTERNS: Array<[TokenKind, RegExp]> = [
  ['datetime', DATETIME],
  ['date', DATE],
  ['number', NUMBER],
  ['ident', IDENT],
];

function matchValueOrName(rest: string, ch: string, tokens: Token[]): { kind: TokenKind; text: string } | undefined {
  for (const [kind, re] of PATTERNS) {
    const m = re.exec(rest);
    if (!m) continue;
    // A sign only starts a number where a value is expected (after an operator, comma or paren).
    if (kind === 'number' && !/\d|\./.test(ch) && !signAllowed(tokens)) continue;
    return { kind, text: m[0] };
  }
  return undefined;
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
