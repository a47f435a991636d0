/** setTimeout's largest delay; a longer one fires at once (Node warns and uses 1 ms). */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

interface ClosableSocket {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * A socket outlives no token: at expiry it is closed with 4403, as an
 * unauthenticated one would be. A token valid longer than setTimeout can wait
 * (~24.8 days) is re-armed on the way, under the one `close` listener; an
 * expiry that is not a date closes the socket at once instead of spinning.
 */
export function closeWhenExpired(socket: ClosableSocket, expiresAt: Date | undefined): void {
  if (!expiresAt) return;
  const deadline = expiresAt.getTime();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const remaining = deadline - Date.now();
    // NaN (an invalid Date) and a past deadline both mean "now".
    if (!(remaining > 0)) {
      timer = undefined;
      socket.close(4403, 'Forbidden: token expired');
      return;
    }
    timer = setTimeout(arm, Math.min(Math.ceil(remaining), MAX_TIMER_DELAY_MS));
    timer.unref();
  };
  socket.once('close', () => clearTimeout(timer));
  arm();
}
