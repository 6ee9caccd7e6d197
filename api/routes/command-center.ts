import { listTasks } from '../../store/tasks';
import { commandCenterDays } from '../../sync/command-center';
import { me } from '../auth';
import type { ApiPlugin } from '../http/api-deps';
import { z } from 'zod';
import { bearerSecurity, instantSchema, isoDateSchema, timeZoneSchema } from './schemas';
import { taskSchema } from './views';

/** The Command Center: open tasks due today and tomorrow, days counted in the user's time zone. */
export const commandCenterRoutes: ApiPlugin = async (app, deps) => {
  app.get(
    '/command-center',
    {
      schema: {
        tags: ['tasks'],
        security: bearerSecurity,
        summary: 'Open tasks due today and tomorrow',
        description: 'Today and tomorrow are calendar days in the user\'s time zone (PATCH /api/me to change it); the answer names the days used.',
        response: {
          200: z.strictObject({
            timeZone: timeZoneSchema,
            now: instantSchema,
            today: isoDateSchema,
            tomorrow: isoDateSchema,
            tasks: z.strictObject({ today: z.array(taskSchema), tomorrow: z.array(taskSchema) }),
          }),
        },
      },
    },
    async (request) => {
      const user = me(request);
      const now = deps.now();
      const { today, tomorrow } = commandCenterDays(user.timeZone, now.toISOString());
      const tasks = await listTasks(deps.store.db, user.id, { status: 'open', dueFrom: today, dueTo: tomorrow });
      return {
        timeZone: user.timeZone,
        now: now.toISOString(),
        today,
        tomorrow,
        tasks: { today: tasks.filter((t) => t.dueDate === today), tomorrow: tasks.filter((t) => t.dueDate === tomorrow) },
      };
    },
  );
};
