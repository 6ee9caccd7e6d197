import { cleanNullableText, cleanText } from './clean-text';

describe('cleanText', () => {
  it.each([
    ['plain text stays', 'Call Ann about the renewal', 'Call Ann about the renewal'],
    ['NUL is removed', 'Call\u0000 Ann', 'Call Ann'],
    ['every C0 control but tab, LF and CR is removed', 'a\u0001b\u0007c\u0008d\u000Be\u000Cf\u001Bg\u001Fh', 'abcdefgh'],
    ['tab, LF and CR are kept', 'line 1\r\nline 2\n\tindented\r', 'line 1\r\nline 2\n\tindented\r'],
    ['DEL is removed', 'ab\u007Fc', 'abc'],
    ['a lone high surrogate becomes U+FFFD', 'cut \uD83D', 'cut \uFFFD'],
    ['a lone low surrogate becomes U+FFFD', '\uDE00 start', '\uFFFD start'],
    ['a surrogate pair (emoji) is kept', 'ok 😀 done', 'ok 😀 done'],
    ['two high surrogates then a low: the first is lone', '\uD83D\uD83D\uDE00', '\uFFFD😀'],
    ['C1 controls and other Unicode are kept', 'Ñandú \u0085 日本語', 'Ñandú \u0085 日本語'],
    ['empty stays empty', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const dirty = 'a\u0000b\uD800c\u0007\r\n😀\uDFFF';
    expect(cleanText(cleanText(dirty))).toBe(cleanText(dirty));
  });

  it('keeps null as null', () => {
    expect(cleanNullableText(null)).toBeNull();
    expect(cleanNullableText('x\u0000')).toBe('x');
  });
});
