import { cutText } from './text-limits';

describe('cutText', () => {
  const emoji = '😀'; // two UTF-16 units
  test.each([
    ['shorter than the limit', 'abc', 5, 'abc', false],
    ['exactly the limit', 'abcde', 5, 'abcde', false],
    ['one over the limit', 'abcdef', 5, 'abcde', true],
    ['empty text', '', 0, '', false],
    ['limit zero', 'a', 0, '', true],
    ['emoji fits whole at the edge', 'abc' + emoji, 5, 'abc' + emoji, false],
    ['emoji would be split: dropped whole', 'abcd' + emoji, 5, 'abcd', true],
    ['emoji just before the edge kept', 'abc' + emoji + 'x', 5, 'abc' + emoji, true],
    ['accented letters count one each', 'ééééé', 4, 'éééé', true],
  ])('%s', (_label, text, max, expected, cut) => {
    const result = cutText(text, max);
    expect(result).toEqual({ text: expected, cut, originalLength: text.length });
  });

  test.each([[-1], [1.5], [Number.NaN]])('rejects limit %p', (max) => {
    expect(() => cutText('x', max)).toThrow(RangeError);
  });
});
