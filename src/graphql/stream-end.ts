import { AuthenticationError } from '../auth/auth-error.js';

/**
 * Ends `stream` with an error once the caller's token expires or `shutdown`
 * aborts (its reason is the error), releasing the underlying stream either
 * way. Over WebSocket the socket itself closes at both moments; a stream
 * served through the HTTP callback protocol has no socket, so it ends here,
 * and the router gets `complete` with the coded error instead of silence.
 */
export function endStream<T>(stream: AsyncIterableIterator<T>, ends: { expiresAt?: Date; shutdown?: AbortSignal }): AsyncIterableIterator<T> {
  if (!ends.expiresAt && !ends.shutdown) return stream;
  let timer: NodeJS.Timeout | undefined;
  let release = () => {};
  const ended = new Promise<never>((_, reject) => {
    const end = (reason: unknown) => {
      release();
      // Rejected first: returning the stream may settle a pending next() as done.
      reject(reason);
      void stream.return?.();
    };
    const onShutdown = () => end(ends.shutdown!.reason);
    if (ends.expiresAt) {
      // setTimeout fires at once for a delay beyond its 32-bit range; such a token outlives any stream anyway.
      const delay = Math.min(Math.max(ends.expiresAt.getTime() - Date.now(), 0), 2 ** 31 - 1);
      timer = setTimeout(() => end(new AuthenticationError('token expired')), delay);
    }
    ends.shutdown?.addEventListener('abort', onShutdown, { once: true });
    release = () => {
      clearTimeout(timer);
      ends.shutdown?.removeEventListener('abort', onShutdown);
    };
    if (ends.shutdown?.aborted) onShutdown();
  });
  ended.catch(() => {});
  return {
    next: () => Promise.race([stream.next(), ended]),
    return: (value?: unknown) => {
      release();
      return stream.return?.(value) ?? Promise.resolve({ value: undefined, done: true });
    },
    throw: (error?: unknown) => stream.throw?.(error) ?? Promise.reject(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
