/** What `withTimeout` saw first: the work's value, or the time running out. */
export type Timed<T> = { done: true; value: T } | { done: false };

/**
 * Waits for `work` at most `ms`. The work is not cancelled when the time runs
 * out (the caller decides what to do about it: answer early, abort, destroy);
 * its rejection, if it comes first, is passed on. The timer never outlives
 * the race.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<Timed<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<Timed<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value): Timed<T> => ({ done: true, value })), timeUp]);
  } finally {
    clearTimeout(timer);
  }
}
