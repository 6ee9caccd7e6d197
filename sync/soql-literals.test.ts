import { escapeSoqlString, soqlDate, soqlDateTime, soqlIdentifier, soqlLikePattern, soqlString, soqlStringList } from './soql-literals';

/** Reads a quoted SOQL string back using only the escapes the SOQL reference lists. */
function decodeSoqlString(literal: string): string {
  expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
  const body = literal.slice(1, -1);
  const named: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === "'") throw new Error(`unescaped quote at ${i} in ${literal}`);
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[i + 1] as string;
    if (next === 'u') {
      const hex = body.slice(i + 2, i + 6);
      expect(hex).toMatch(/^[0-9a-f]{4}$/);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 5;
    } else {
      const decoded = named[next];
      if (decoded === undefined) throw new Error(`invalid escape \\${next} in ${literal}`);
      out += decoded;
      i += 1;
    }
  }
  return out;
}

describe('soqlString', () => {
  test.each([
    ['plain', 'Call Ann', "'Call Ann'"],
    ['single quote', "O'Brien", "'O\\'Brien'"],
    ['double quote', 'say "hi"', "'say \\\"hi\\\"'"],
    ['backslash', 'C:\\temp', "'C:\\\\temp'"],
    ['backslash before a quote', "\\'", "'\\\\\\''"],
    ['newline, CR, tab', 'a\nb\rc\td', "'a\\nb\\rc\\td'"],
    ['bell and form feed', '\b\f', "'\\b\\f'"],
    ['NUL and other controls', '\u0000\u001f\u007f', "'\\u0000\\u001f\\u007f'"],
    ['accents kept', 'Müller Ñandú', "'Müller Ñandú'"],
    ['CJK kept', '東京', "'東京'"],
    ['emoji (surrogate pair) kept', 'ok 😀', "'ok 😀'"],
    ['lone high surrogate escaped', 'a\ud83d', "'a\\ud83d'"],
    ['lone low surrogate escaped', '\ude00b', "'\\ude00b'"],
    ['percent and underscore untouched outside LIKE', '50%_off', "'50%_off'"],
    ['injection attempt stays a string', "x' OR Id != null OR Name = '", "'x\\' OR Id != null OR Name = \\''"],
    ['empty', '', "''"],
  ])('%s', (_label, value, expected) => {
    const literal = soqlString(value);
    expect(literal).toBe(expected);
    expect(decodeSoqlString(literal)).toBe(value);
  });

  test('result is URL-encodable even with lone surrogates', () => {
    expect(() => encodeURIComponent(escapeSoqlString('\ud800\udfff\udfff\ud800'))).not.toThrow();
  });
});

describe('soqlLikePattern', () => {
  test.each([
    ['wildcards escaped', '50%_off', {}, "'50\\%\\_off'"],
    ['prefix match', "O'B", { prefix: true }, "'O\\'B%'"],
    ['backslash then percent', '\\%', {}, "'\\\\\\%'"],
  ])('%s', (_label, value, options, expected) => {
    expect(soqlLikePattern(value, options)).toBe(expected);
  });
});

describe('soqlStringList', () => {
  test('quotes each value', () => {
    expect(soqlStringList(['005A', "x'y"])).toBe("('005A', 'x\\'y')");
  });
  test('refuses an empty list', () => {
    expect(() => soqlStringList([])).toThrow(RangeError);
  });
});

describe('soqlDateTime', () => {
  test.each([
    ['canonical', '2024-01-15T10:30:00.000Z', '2024-01-15T10:30:00Z'],
    ['Salesforce spelling', '2024-01-15T10:30:00.000+0000', '2024-01-15T10:30:00Z'],
    ['offset converted to UTC', '2024-01-15T02:30:00-08:00', '2024-01-15T10:30:00Z'],
  ])('%s', (_label, iso, expected) => {
    expect(soqlDateTime(iso)).toBe(expected);
  });
  test('a fraction of a second is refused', () => {
    expect(() => soqlDateTime('2024-01-15T10:30:00.001Z')).toThrow(RangeError);
  });
  test('… or truncated when asked', () => {
    expect(soqlDateTime('2024-01-15T10:30:00.999Z', { truncate: true })).toBe('2024-01-15T10:30:00Z');
  });
  test('garbage is refused', () => {
    expect(() => soqlDateTime('2024-01-15 10:30')).toThrow(RangeError);
  });
});

describe('soqlDate and soqlIdentifier', () => {
  test.each([['2024-02-29'], ['1999-01-01']])('date %s', (d) => expect(soqlDate(d)).toBe(d));
  test.each([['2024-02-30'], ["2024-01-01' OR"], ['']])('refuses date %p', (d) => expect(() => soqlDate(d)).toThrow(RangeError));
  test.each([['Id'], ['SIA_Task_Id__c'], ['Owner.Email']])('identifier %s', (n) => expect(soqlIdentifier(n)).toBe(n));
  test.each([['Id, Name'], ['1Id'], ['Id--'], [''], ['Owner..Email'], ["Name'"]])('refuses identifier %p', (n) => expect(() => soqlIdentifier(n)).toThrow(RangeError));
});
