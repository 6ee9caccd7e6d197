import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureNames } from './fixture-names';

describe('names of a new recording', () => {
  it('are the scenario itself the first time', () => {
    expect(fixtureNames('org-poller', 1, [])).toEqual(['org-poller.json']);
    expect(fixtureNames('email-log', 3, ['org-poller.json'])).toEqual(['email-log.run1.json', 'email-log.run2.json', 'email-log.run3.json']);
  });

  it('never take a name already there: the next recording gets the next number', () => {
    expect(fixtureNames('task-sync-two-way', 1, ['task-sync-two-way.json', 'task-sync-two-way-pull-first.json'])).toEqual(['task-sync-two-way.recording2.json']);
    expect(fixtureNames('email-log', 2, ['email-log.run1.json', 'email-log.run2.json', 'email-log.recording2.run1.json'])).toEqual(['email-log.recording3.run1.json', 'email-log.recording3.run2.json']);
    // A recording with another number of runs still counts.
    expect(fixtureNames('settings', 1, ['settings.run1.json', 'settings.run2.json'])).toEqual(['settings.recording2.json']);
  });

  it('do not mistake a scenario whose name starts like another for a recording of it', () => {
    expect(fixtureNames('task-sync-two-way-pull-first', 1, ['task-sync-two-way.json'])).toEqual(['task-sync-two-way-pull-first.json']);
    expect(fixtureNames('a.b', 1, ['axb.json'])).toEqual(['a.b.json']);
  });

  it('never name a committed fixture again', () => {
    const committed = readdirSync(join(__dirname, 'histories'));
    const stems = new Set(committed.map((f) => f.replace(/(\.recording\d+)?(\.run\d+)?\.json$/, '')));
    expect(stems.size).toBeGreaterThan(0);
    for (const stem of stems) {
      for (const runs of [1, 2, 5]) for (const name of fixtureNames(stem, runs, committed)) expect(committed).not.toContain(name);
    }
  });

  it('refuse a recording without runs', () => {
    expect(() => fixtureNames('org-poller', 0, [])).toThrow(RangeError);
  });
});
