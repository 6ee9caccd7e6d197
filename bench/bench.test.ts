import { parseArgs, ArgsError } from './args';
import { wholeCycles } from './cycles';
import { interleave } from './figures/burst';
import { formatNumber, formatTable, formatVerdict, verdictOf, type Figure } from './report';
import { extrapolate, percentile, spread } from './stats';

describe('percentiles (nearest rank)', () => {
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [[10, 1, 5], 50, 5],
    [[7], 95, 7],
    [[3, 1, 2], 0, 1],
    [[3, 1, 2], 100, 3],
  ])('%j p%d = %d', (samples, p, expected) => {
    expect(percentile(samples, p)).toBe(expected);
  });

  it('is NaN without samples and refuses a p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('spreads twenty samples', () => {
    const samples = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(spread(samples)).toEqual({ n: 20, p50: 10, p95: 19, max: 20 });
  });
});

describe('extrapolation', () => {
  it('scales a windowed count to a day', () => {
    expect(extrapolate(6, 3600, 86_400)).toBe(144);
  });

  it('counts a time-scaled window as that much more real time', () => {
    // 2 real minutes at 120× stand for 4 hours: 24 calls then are 144 a day.
    expect(extrapolate(24, 120, 86_400, 120)).toBe(144);
  });

  it('refuses an empty window or scale', () => {
    expect(() => extrapolate(1, 0, 10)).toThrow(RangeError);
    expect(() => extrapolate(1, 10, 10, 0)).toThrow(RangeError);
  });
});

describe('whole watch cycles', () => {
  const watch = (startedAt: number, endedAt: number | null) => ({ startedAt, endedAt, callSeq: 0 });

  it('counts from the first to the last watch start in the window, scaling only the watch time', () => {
    // Watches of 30 s at 120× (= 1 h each), 0.2 s between them, unscaled.
    const watches = [watch(0, 30_000), watch(30_200, 60_200), watch(60_400, 90_400), watch(90_600, null)];
    const span = wholeCycles(watches, 0, 95_000, 120);
    expect(span).toMatchObject({ from: 0, to: 3, cycles: 3 });
    expect(span?.equivalentSeconds).toBeCloseTo(3 * (3600 + 0.2), 6);
  });

  it('leaves out watches that started before or after the window', () => {
    const watches = [watch(-100, 29_900), watch(30_100, 60_100), watch(60_300, 90_300), watch(90_500, null)];
    expect(wholeCycles(watches, 0, 70_000, 120)).toMatchObject({ from: 1, to: 2, cycles: 1 });
  });

  it('needs two starts to bound a cycle', () => {
    expect(wholeCycles([watch(10, null)], 0, 100, 1)).toBeNull();
    expect(wholeCycles([], 0, 100, 1)).toBeNull();
  });
});

describe('verdicts and the table', () => {
  const figure = (value: number | null, op: '<=' | '<' = '<=', limit = 10): Figure => ({ key: 'burst', title: 'write calls', value, unit: 'calls', target: { op, value: limit }, derivation: 'counted' });

  it('meets a limit it equals when the target says "at most", not when it says "under"', () => {
    expect(verdictOf(figure(10))).toEqual({ kind: 'met' });
    expect(verdictOf(figure(10, '<'))).toEqual({ kind: 'missed', by: 0, percent: 0 });
  });

  it('says by how much a figure missed', () => {
    expect(verdictOf(figure(93))).toMatchObject({ kind: 'missed', by: 83 });
    expect(formatVerdict(figure(93))).toBe('MISSED by 83 calls (+830 %)');
  });

  it('tells a missing value and a figure without a target apart', () => {
    expect(formatVerdict(figure(null))).toBe('not measured');
    expect(formatVerdict({ value: 3, unit: 's' })).toBe('-');
  });

  it('rounds for reading', () => {
    expect(formatNumber(10_000)).toBe('10,000');
    expect(formatNumber(0.0712)).toBe('0.07');
    expect(formatNumber(29.14)).toBe('29.1');
    expect(formatNumber(150.4)).toBe('150');
  });

  it('lines the columns up and numbers the derivations', () => {
    const text = formatTable([figure(6), { ...figure(null), title: 'org calls per day', note: 'TODO: not measured' }]);
    const lines = text.split('\n');
    expect(lines[0]).toBe('figure            | measured | target      | verdict');
    expect(lines[2]).toBe('write calls       | 6 calls  | <= 10 calls | met');
    expect(lines[3]).toBe('org calls per day | -        | <= 10 calls | not measured');
    expect(lines).toContain('[1] write calls: counted');
    expect(lines).toContain('    note: TODO: not measured');
  });
});

describe('flags', () => {
  it('has small defaults and takes every flag', () => {
    expect(parseArgs([])).toMatchObject({ users: 20, burst: 1000, importTasks: 10_000, samples: 20, idleScale: 120 });
    const args = parseArgs(['--users', '1000', '--only', 'memory,idle', '--json=out.json', '--store', 'postgres://localhost/sia', '--import-rounds', '3']);
    expect(args).toMatchObject({ users: 1000, json: 'out.json', store: 'postgres://localhost/sia', importRounds: 3 });
    expect([...args.only].sort()).toEqual(['idle', 'memory']);
  });

  it.each([[['--users', 'many']], [['--only', 'speed']], [['--store', 'mysql://x']], [['--import-rounds', '0']], [['--frobnicate']]])('refuses %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow(ArgsError);
  });
});

describe('interleave', () => {
  it('mixes lists round-robin', () => {
    expect(interleave<unknown>([[1, 2, 3], ['a'], [true, false]])).toEqual([1, 'a', true, 2, false, 3]);
  });
});
