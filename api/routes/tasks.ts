import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getSyncSettings } from '../../store/settings';
import { TaskValidationError, type Task } from '../../store/task-model';
import { completeTask, createTask, getTask, listTasks, reopenTask, softDeleteTask, updateTask } from '../../store/tasks';
import { me } from '../auth';
import type { ApiDeps, ApiPlugin } from '../http/api-deps';
import { invalidInput, notFound } from '../http/api-error';
import { msg } from '../../i18n';
import { errorAnswer, noBody } from '../http/responses';
import { nudgeBestEffort } from './nudge';
import { bearerSecurity, instantSchema, isoDateSchema, queryFlagSchema, taskDetailsSchema, taskNameSchema, taskPrioritySchema, taskStatusSchema } from './schemas';
import { taskSchema } from './views';

const tags = ['tasks'];

const taskBody = z.strictObject({
  name: taskNameSchema,
  details: taskDetailsSchema.optional(),
  dueDate: isoDateSchema.nullable().optional(),
  status: taskStatusSchema.optional(),
  priority: taskPrioritySchema.optional(),
  reminderAt: instantSchema.nullable().optional(),
});

/** Fields left out stay as they are; null clears details, dueDate or reminderAt. */
const taskPatch = taskBody.partial();

const listQuery = z.object({
  status: taskStatusSchema.optional(),
  dueFrom: isoDateSchema.optional(),
  dueTo: isoDateSchema.optional(),
  includeDeleted: queryFlagSchema.optional(),
});

const taskParams = z.object({ id: z.string() });

const noSuchTask = errorAnswer('You have no task with this id (or it was deleted).');

/** The store's own field checks (e.g. normalisation limits), as field errors. */
function storeValidation<T>(write: () => Promise<T>): Promise<T> {
  return write().catch((error: unknown) => {
    if (!(error instanceof TaskValidationError)) throw error;
    throw invalidInput(error.problems);
  });
}

/** After a committed task write: a running task sync looks now. Users without task sync cost no Temporal action. */
async function afterWrite(deps: ApiDeps, request: FastifyRequest, userId: string): Promise<void> {
  const { settings } = await getSyncSettings(deps.store.db, userId);
  if (settings.taskSync.mode !== 'do_not_sync') await nudgeBestEffort(deps, request.log, userId, 'sia');
}

function found(task: Task | undefined, id: string): Task {
  if (!task || task.deletedAt !== null) throw notFound(msg('api.notFound.task', { id }));
  return task;
}

/** The user's SIA tasks. Every write bumps the user's change sequence in the store, then nudges the sync. */
export const tasksRoutes: ApiPlugin = async (app, deps) => {
  app.get(
    '/tasks',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'List my tasks',
        description: 'Ordered by due date (undated last). A due-date bound leaves undated tasks out.',
        querystring: listQuery,
        response: { 200: z.strictObject({ tasks: z.array(taskSchema) }) },
      },
    },
    async (request) => ({ tasks: await listTasks(deps.store.db, me(request).id, request.query) }),
  );

  app.post('/tasks', { schema: { tags, security: bearerSecurity, summary: 'Create a task', body: taskBody, response: { 201: taskSchema.describe('The task as stored (names on one line, reminders to the second).') } } }, async (request, reply) => {
    const userId = me(request).id;
    const task = await storeValidation(() => createTask(deps.store.db, userId, { ...request.body, origin: 'sia' }, deps.now()));
    await afterWrite(deps, request, userId);
    return reply.status(201).send(task);
  });

  app.get('/tasks/:id', { schema: { tags, security: bearerSecurity, summary: 'One of my tasks', params: taskParams, response: { 200: taskSchema, 404: noSuchTask } } }, async (request) =>
    found(await getTask(deps.store.db, me(request).id, request.params.id), request.params.id),
  );

  app.patch('/tasks/:id', { schema: { tags, security: bearerSecurity, summary: 'Change a task', body: taskPatch, params: taskParams, response: { 200: taskSchema.describe('The task as changed.'), 404: noSuchTask } } }, async (request) => {
    const userId = me(request).id;
    const before = found(await getTask(deps.store.db, userId, request.params.id), request.params.id);
    const task = found(await storeValidation(() => updateTask(deps.store.db, userId, request.params.id, request.body, deps.now())), request.params.id);
    if (task.changeSeq !== before.changeSeq) await afterWrite(deps, request, userId);
    return task;
  });

  app.delete('/tasks/:id', { schema: { tags, security: bearerSecurity, summary: 'Delete a task', params: taskParams, response: { 204: noBody('Deleted.'), 404: noSuchTask } } }, async (request, reply) => {
    const userId = me(request).id;
    if (!(await softDeleteTask(deps.store.db, userId, request.params.id, deps.now()))) throw notFound(msg('api.notFound.task', { id: request.params.id }));
    await afterWrite(deps, request, userId);
    return reply.status(204).send();
  });

  for (const [action, write] of [
    ['complete', completeTask],
    ['reopen', reopenTask],
  ] as const) {
    app.post(`/tasks/:id/${action}`, { schema: { tags, security: bearerSecurity, summary: `${action === 'complete' ? 'Complete' : 'Reopen'} a task`, params: taskParams, response: { 200: taskSchema, 404: noSuchTask } } }, async (request) => {
      const userId = me(request).id;
      const before = found(await getTask(deps.store.db, userId, request.params.id), request.params.id);
      const task = found(await write(deps.store.db, userId, request.params.id, deps.now()), request.params.id);
      if (task.changeSeq !== before.changeSeq) await afterWrite(deps, request, userId);
      return task;
    });
  }
};
