// One queue every use of a live runner's driver goes through (a slice, a step, a user
// action, describe), so they never overlap and the driver is idle whenever a job starts. A
// job that throws is a failure of the driver itself (a bug, not a node fault): `onFailure`
// hears it once, and later jobs still run.

import { errorText } from './protocol.ts';

export type Enqueue = <T>(job: () => Promise<T>) => Promise<T>;

export function createWorkQueue(onFailure: (error: string) => void): Enqueue {
  let work: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const result = work.then(job);
    work = result.catch((error: unknown) => onFailure(errorText(error)));
    return result;
  };
}
