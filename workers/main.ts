import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { temporalConfigFromEnv } from '../config/temporal';
import { createActivities } from '../activities';
import { tokensFromEnv } from '../observability/bearer-token';
import { createLogger, PinoTemporalLogger, temporalLevel } from '../observability/logger';
import { metricsPortFromEnv, startMetricsServer } from '../observability/metrics-server';
import { createWorker } from './create-worker';

/**
 * A stateless worker process: run as many as needed against the same cluster.
 * It polls two task queues (createWorker): TEMPORAL_TASK_QUEUE for workflows and the short
 * activities, and `<queue>-watch` for the long-lived watches, each with its own slots.
 * Logs are pino JSON lines on stdout (SDK, workflow, activity and native core logs alike);
 * METRICS_PORT turns on GET /metrics.
 */
async function main(): Promise<void> {
  const logger = createLogger({ name: 'worker' });
  const level = temporalLevel(logger);
  Runtime.install({
    logger: new PinoTemporalLogger(logger),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: level === 'TRACE' || level === 'DEBUG' ? level : 'WARN', other: 'ERROR' }), forward: {} } },
  });
  try {
    const config = temporalConfigFromEnv();
    const activities = await createActivities();
    const { worker, connection } = await createWorker({ config, activities });
    const metricsPort = metricsPortFromEnv();
    const metrics = metricsPort === undefined ? undefined : await startMetricsServer({ port: metricsPort, host: process.env.METRICS_HOST, tokens: tokensFromEnv(process.env.METRICS_AUTH_TOKEN) });
    logger.info({ taskQueue: config.taskQueue, watchTaskQueue: worker.watch?.options.taskQueue, emailTaskQueue: worker.email?.options.taskQueue, address: config.address, namespace: config.namespace, metrics: metrics?.url ?? 'off' }, 'worker polling');
    try {
      await worker.run();
    } finally {
      await metrics?.close();
      await connection.close();
    }
  } catch (error) {
    logger.fatal({ err: error }, 'worker failed');
    // pino writes synchronously to stdout by default, so the line is out before the exit.
    process.exit(1);
  }
}

void main();
