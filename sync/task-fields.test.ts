import { taskFields } from '../test/support/task-fixtures';
import {
  applyTaskFieldsPatch,
  comparableTaskFields,
  normalizeTaskFields,
  pickTaskFields,
  sameField,
  taskFieldNames,
  taskFieldsEqual,
  taskFieldsSchema,
  type TaskFields,
} from './task-fields';

describe('normalizeTaskFields', () => {
  test.each<[string, Partial<TaskFields>, Partial<TaskFields>]>([
    ['trims the name', { name: '  Call Ann \t' }, { name: 'Call Ann' }],
    ['line breaks in the name become one space', { name: 'Call\r\nAnn\n\nnow' }, { name: 'Call Ann now' }],
    ['CRLF in details becomes LF', { details: 'a\r\nb\rc' }, { details: 'a\nb\nc' }],
    ['details keep inner and trailing text', { details: '  indented\n' }, { details: '  indented\n' }],
    ['blank details become null', { details: ' \n\t ' }, { details: null }],
    ['empty details become null', { details: '' }, { details: null }],
    ['reminder to canonical UTC', { reminderAt: '2024-01-15T12:30:00+02:00' }, { reminderAt: '2024-01-15T10:30:00.000Z' }],
    ['reminder cut to the whole second', { reminderAt: '2024-01-15T10:30:00.999Z' }, { reminderAt: '2024-01-15T10:30:00.000Z' }],
    ['due date kept as the string', { dueDate: '2024-12-31' }, { dueDate: '2024-12-31' }],
  ])('%s', (_label, input, expected) => {
    expect(normalizeTaskFields(taskFields(input))).toEqual(taskFields({ ...input, ...expected }));
  });

  test.each<[string, Partial<TaskFields>]>([
    ['due date with time', { dueDate: '2024-01-15T00:00:00Z' }],
    ['impossible due date', { dueDate: '2024-02-30' }],
    ['reminder without zone', { reminderAt: '2024-01-15T10:30:00' }],
  ])('throws on %s', (_label, input) => {
    expect(() => normalizeTaskFields(taskFields(input))).toThrow(RangeError);
  });
});

describe('taskFieldsSchema', () => {
  test('parses and normalises', () => {
    expect(taskFieldsSchema.parse({ ...taskFields(), name: ' x ', reminderAt: '2024-01-15T10:30:00.000+0000' })).toEqual(
      taskFields({ name: 'x', reminderAt: '2024-01-15T10:30:00.000Z' }),
    );
  });
  test.each([
    ['bad status', { status: 'done' }],
    ['bad priority', { priority: 'low' }],
    ['bad date', { dueDate: '15/01/2024' }],
    ['bad reminder', { reminderAt: 'soon' }],
    ['missing field', { name: undefined }],
  ])('rejects %s', (_label, patch) => {
    expect(taskFieldsSchema.safeParse({ ...taskFields(), ...patch }).success).toBe(false);
  });
});

describe('equality', () => {
  const long = 'x'.repeat(255);
  test.each<[string, Partial<TaskFields>, Partial<TaskFields>, boolean]>([
    ['identical', {}, {}, true],
    ['name differs only in end whitespace', { name: 'Call Ann' }, { name: 'Call Ann  ' }, true],
    ['name differs', { name: 'Call Ann' }, { name: 'Call Bob' }, false],
    ['name differs only beyond 255 characters', { name: long + 'a' }, { name: long + 'b' }, true],
    ['name differs at character 255', { name: 'y' + long.slice(1) }, { name: long }, false],
    ['details CRLF vs LF', { details: 'a\r\nb' }, { details: 'a\nb' }, true],
    ['details blank vs null', { details: '   ' }, { details: null }, true],
    ['details differ beyond 32,000', { details: 'd'.repeat(32_000) + 'a' }, { details: 'd'.repeat(32_000) }, true],
    ['reminder same instant in two spellings', { reminderAt: '2024-01-15T10:30:00.000Z' }, { reminderAt: '2024-01-15T10:30:00.000+0000' }, true],
    ['reminder one second apart', { reminderAt: '2024-01-15T10:30:00Z' }, { reminderAt: '2024-01-15T10:30:01Z' }, false],
    ['status differs', { status: 'open' }, { status: 'complete' }, false],
    ['due date null vs set', { dueDate: null }, { dueDate: '2024-01-15' }, false],
  ])('%s → %p', (_label, a, b, equal) => {
    expect(taskFieldsEqual(taskFields(a), taskFields(b))).toBe(equal);
  });

  test('sameField looks at one field only', () => {
    const a = taskFields({ name: 'A', status: 'complete' });
    const b = taskFields({ name: 'B', status: 'complete' });
    expect(sameField('status', a, b)).toBe(true);
    expect(sameField('name', a, b)).toBe(false);
  });

  test('comparable form cuts the name to 255', () => {
    expect(comparableTaskFields(taskFields({ name: 'n'.repeat(300) })).name).toHaveLength(255);
  });
});

describe('patches', () => {
  test('pick then apply round-trips chosen fields only', () => {
    const source = taskFields({ name: 'New', priority: 'high', details: 'd' });
    const patch = pickTaskFields(source, ['name', 'priority']);
    expect(patch).toEqual({ name: 'New', priority: 'high' });
    expect(applyTaskFieldsPatch(taskFields(), patch)).toEqual(taskFields({ name: 'New', priority: 'high' }));
  });
  test('a null value in a patch is applied (clearing a field)', () => {
    expect(applyTaskFieldsPatch(taskFields({ details: 'x' }), { details: null }).details).toBeNull();
  });
  test('field names list every field once', () => {
    expect(new Set(taskFieldNames).size).toBe(Object.keys(taskFields()).length);
  });
});
