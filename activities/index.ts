/**
 * The activities a worker registers. Each group is a thin adapter over one outside system
 * (the store, Salesforce, mail), built once per worker with its dependencies.
 */
export async function createActivities(): Promise<Record<string, (...args: never[]) => Promise<unknown>>> {
  return {};
}
