import { Writable } from 'node:stream';
import { createLogger, PinoTemporalLogger, temporalLevel } from './logger';

function capture(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ env: { LOG_LEVEL: level }, name: 'worker', destination }) };
}

describe('PinoTemporalLogger', () => {
  it('writes SDK log calls as JSON lines with their metadata, at the matching level', () => {
    const { lines, logger } = capture('debug');
    const temporal = new PinoTemporalLogger(logger);
    temporal.warn('Activity failed', { activityType: 'pushSiaChanges', attempt: 2 });
    temporal.log('ERROR', 'Workflow task failed', { workflowId: 'salesforce-sync:u1' });
    temporal.trace('below the level');
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: 'Activity failed', activityType: 'pushSiaChanges', attempt: 2, name: 'worker' }),
      expect.objectContaining({ level: 50, msg: 'Workflow task failed', workflowId: 'salesforce-sync:u1' }),
    ]);
    expect(temporalLevel(logger)).toBe('DEBUG');
  });

  it('redacts tokens and authorization headers', () => {
    const { lines, logger } = capture();
    logger.info({ refreshToken: 'rt-secret', connection: { accessToken: 'at-secret' }, req: { headers: { authorization: 'Bearer x' } } }, 'connected');
    const line = JSON.stringify(lines[0]);
    for (const secret of ['rt-secret', 'at-secret', 'Bearer x']) expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });

  it('names the fix for an unknown LOG_LEVEL', () => {
    expect(() => createLogger({ env: { LOG_LEVEL: 'loud' } })).toThrow(/LOG_LEVEL "loud" is not a level; use one of trace, debug, info, warn, error/);
  });
});
