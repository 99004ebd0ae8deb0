/**
 * Calls that must not overlap (a print holds one page or window while it lays a document out
 * and prints it): each call waits for the one before it to end, whether that one succeeded or
 * failed, and gets its own result.
 */
export function oneAtATime<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let queue: Promise<unknown> = Promise.resolve();
  return (...args) => {
    const run = () => fn(...args);
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };
}
