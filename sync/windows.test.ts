import { deletionWindowDays, deletionWindowStart, initialImportStart, isExistingBeforeSync, isInInitialImport, needsFullComparison } from './windows';

const switchedOnAt = '2024-03-10T12:00:00.000Z';

describe('isInInitialImport (window [switch-on − 24 h, ∞))', () => {
  test.each([
    ['created and modified long before', '2024-03-01T00:00:00.000+0000', '2024-03-01T00:00:00.000+0000', false],
    ['last modified one second before the window', '2024-03-01T00:00:00.000+0000', '2024-03-09T11:59:59.000+0000', false],
    ['last modified exactly 24 h before switch-on', '2024-03-01T00:00:00.000+0000', '2024-03-09T12:00:00.000+0000', true],
    ['created exactly 24 h before switch-on', '2024-03-09T12:00:00.000+0000', '2024-03-09T12:00:00.000+0000', true],
    ['created one second before the window, edited inside it', '2024-03-09T11:59:59.000+0000', '2024-03-10T08:00:00.000+0000', true],
    ['touched one second before switch-on', '2024-03-10T11:59:59.000+0000', '2024-03-10T11:59:59.000+0000', true],
    ['touched at switch-on', '2024-03-10T12:00:00.000+0000', '2024-03-10T12:00:00.000+0000', true],
    ['touched after switch-on, during the first run', '2024-03-10T12:05:00.000+0000', '2024-03-10T12:05:00.000+0000', true],
    ['offset spelling of the boundary', '2024-03-01T00:00:00.000+0000', '2024-03-09T04:00:00.000-0800', true],
  ])('%s → %p', (_label, CreatedDate, LastModifiedDate, expected) => {
    expect(isInInitialImport({ CreatedDate, LastModifiedDate }, switchedOnAt)).toBe(expected);
  });

  test('window start', () => {
    expect(initialImportStart(switchedOnAt)).toBe('2024-03-09T12:00:00.000Z');
  });
});

describe('needsFullComparison', () => {
  const now = '2024-03-20T00:00:00.000Z';
  test.each([
    ['no cursor yet', { cursorAt: null }, true],
    ['cursor an hour old', { cursorAt: '2024-03-19T23:00:00.000Z' }, false],
    ['cursor 15 days less a second old', { cursorAt: '2024-03-05T00:00:01.000Z' }, false],
    ['cursor exactly 15 days old', { cursorAt: '2024-03-05T00:00:00.000Z' }, true],
    ['cursor 16 days old', { cursorAt: '2024-03-04T00:00:00.000Z' }, true],
    ['purge stops before the cursor', { cursorAt: '2024-03-18T00:00:00.000Z', earliestDateAvailable: '2024-03-10T00:00:00.000Z' }, false],
    ['purge stops exactly at the cursor', { cursorAt: '2024-03-18T00:00:00.000Z', earliestDateAvailable: '2024-03-18T00:00:00.000Z' }, false],
    ['purge stops one second after the cursor', { cursorAt: '2024-03-18T00:00:00.000Z', earliestDateAvailable: '2024-03-18T00:00:01.000Z' }, true],
    ['earliestDateAvailable in SF spelling', { cursorAt: '2024-03-18T00:00:00.000Z', earliestDateAvailable: '2024-03-19T00:00:00.000+0000' }, true],
    ['earliestDateAvailable null', { cursorAt: '2024-03-18T00:00:00.000Z', earliestDateAvailable: null }, false],
  ])('%s → %p', (_label, input, expected) => {
    expect(needsFullComparison({ now, ...input })).toBe(expected);
  });

  test('window constant and start', () => {
    expect(deletionWindowDays).toBe(15);
    expect(deletionWindowStart(now)).toBe('2024-03-05T00:00:00.000Z');
  });
});

describe('isExistingBeforeSync', () => {
  test.each([
    [9, 10, true],
    [10, 10, true],
    [11, 10, false],
    [0, 0, true],
  ])('created at seq %p, baseline %p → %p', (created, baseline, expected) => {
    expect(isExistingBeforeSync(created, baseline)).toBe(expected);
  });
});
