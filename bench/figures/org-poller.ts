import type { Figure } from '../report';
import type { BenchStack } from '../stack';

/** TODO: an idle org of 100 syncing users polled through its integration user. */
export async function measureOrgPoller(_stack: BenchStack, _say: (line: string) => void): Promise<Figure[]> {
  return [
    {
      key: 'org',
      title: 'idle org of 100 users with an integration user: SF calls per day',
      value: null,
      unit: 'calls',
      target: { op: '<=', value: 300 },
      derivation: 'TODO: not measured yet',
      note: 'TODO: not measured',
    },
  ];
}
