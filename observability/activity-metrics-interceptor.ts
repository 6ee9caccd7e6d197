import { CancelledFailure, type Context } from '@temporalio/activity';
import type { ActivityExecuteInput, ActivityInterceptors, Next, ActivityInboundCallsInterceptor } from '@temporalio/worker';
import { activityDuration } from './metrics';

/** Times every activity attempt into sia_activity_duration_seconds; registered by the worker. */
export function activityMetricsInterceptor(ctx: Context): ActivityInterceptors {
  const activity = ctx.info.activityType;
  return {
    inbound: {
      async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
        const stop = activityDuration.startTimer({ activity });
        try {
          const result = await next(input);
          stop({ outcome: 'completed' });
          return result;
        } catch (error) {
          stop({ outcome: error instanceof CancelledFailure ? 'cancelled' : 'failed' });
          throw error;
        }
      },
    },
  };
}
