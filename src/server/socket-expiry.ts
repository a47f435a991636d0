import { deadlines } from '../util/deadlines.js';

interface ClosableSocket {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * A socket outlives no token: at expiry it is closed with 4403, as an
 * unauthenticated one would be. The expiry waits on the process's shared
 * deadlines (one timer for every socket), never early; an expiry that is not
 * a date closes the socket at once.
 */
export function closeWhenExpired(socket: ClosableSocket, expiresAt: Date | undefined): void {
  if (!expiresAt) return;
  const close = () => socket.close(4403, 'Forbidden: token expired');
  // NaN (an invalid date) and the past both mean now.
  if (!(expiresAt.getTime() > Date.now())) return close();
  socket.once('close', deadlines.at(expiresAt.getTime(), close));
}
