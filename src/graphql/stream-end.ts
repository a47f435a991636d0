import { AuthenticationError } from '../auth/auth-error.js';
import { deadlines } from '../util/deadlines.js';

/**
 * The streams waiting on one shutdown signal, behind a single listener on
 * it: an `AbortSignal` removes a listener by searching its list, so 10,000
 * streams ending one by one would cost 10,000² steps. The listener goes with
 * the last stream, so nothing stays behind on a long-lived signal.
 */
class AbortWaiters {
  private static readonly bySignal = new WeakMap<AbortSignal, AbortWaiters>();
  private readonly listeners = new Set<() => void>();
  private readonly onAbort = () => {
    for (const listener of [...this.listeners]) listener();
  };

  private constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Calls `listener` when `signal` aborts; answers how to stop waiting. */
  static wait(signal: AbortSignal, listener: () => void): () => void {
    let waiters = AbortWaiters.bySignal.get(signal);
    if (!waiters) AbortWaiters.bySignal.set(signal, (waiters = new AbortWaiters(signal)));
    const { listeners } = waiters;
    listeners.add(listener);
    const owner = waiters;
    return () => {
      if (!listeners.delete(listener) || listeners.size > 0) return;
      owner.signal.removeEventListener('abort', owner.onAbort);
      if (AbortWaiters.bySignal.get(owner.signal) === owner) AbortWaiters.bySignal.delete(owner.signal);
    };
  }
}

/**
 * Ends `stream` with an error once the caller's token expires or `shutdown`
 * aborts (its reason is the error), releasing the underlying stream either
 * way. Over WebSocket the socket itself closes at both moments; a stream
 * served through the HTTP callback protocol has no socket, so it ends here,
 * and the router gets `complete` with the coded error instead of silence.
 *
 * Only the `next()` waiting at that moment is rejected (no promise shared
 * across events, so nothing accumulates on a long stream), and the timer and
 * the abort listener are released as soon as the stream ends in any way —
 * also when it completes on its own, which consumers do not `return()`.
 */
export function endStream<T>(
  stream: AsyncIterableIterator<T>,
  ends: { expiresAt?: Date; shutdown?: AbortSignal },
): AsyncIterableIterator<T> {
  if (!ends.expiresAt && !ends.shutdown) return stream;
  let cancelExpiry = () => {};
  let failure: unknown;
  let rejectWaiting: ((reason: unknown) => void) | undefined;
  let released = false;
  let stopWaiting = () => {};

  const release = () => {
    if (released) return;
    released = true;
    cancelExpiry();
    stopWaiting();
  };
  const end = (reason: unknown) => {
    if (released) return;
    release();
    // The waiting next() gets the error; with none waiting, the next call does.
    if (rejectWaiting) rejectWaiting(reason);
    else failure = reason;
    rejectWaiting = undefined;
    void stream.return?.();
  };
  function onShutdown() {
    end(ends.shutdown!.reason);
  }
  if (ends.shutdown) stopWaiting = AbortWaiters.wait(ends.shutdown, onShutdown);
  // On the process's shared deadlines: one timer for every stream, not one each.
  if (ends.expiresAt) {
    const expired = () => end(new AuthenticationError('token expired'));
    // NaN (an invalid date) and the past both mean now.
    if (!(ends.expiresAt.getTime() > Date.now())) expired();
    else cancelExpiry = deadlines.at(ends.expiresAt.getTime(), expired);
  }
  if (ends.shutdown?.aborted) onShutdown();

  return {
    next: () => {
      if (failure !== undefined) {
        const reason = failure;
        failure = undefined;
        return Promise.reject(reason);
      }
      if (released) return Promise.resolve({ value: undefined, done: true });
      return new Promise<IteratorResult<T>>((resolve, reject) => {
        rejectWaiting = reject;
        stream.next().then(
          (result) => {
            if (rejectWaiting !== reject) return; // ended meanwhile: already rejected
            rejectWaiting = undefined;
            if (result.done) release();
            resolve(result);
          },
          (error: unknown) => {
            if (rejectWaiting !== reject) return;
            rejectWaiting = undefined;
            release();
            reject(error);
          },
        );
      });
    },
    return: (value?: unknown) => {
      release();
      return stream.return?.(value) ?? Promise.resolve({ value: undefined, done: true });
    },
    throw: (error?: unknown) => {
      release();
      return stream.throw?.(error) ?? Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
