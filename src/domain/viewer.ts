/** Who asks: the JWT `sub` and its roles. Every read and write is decided against it. */
export interface Viewer {
  userId: string;
  roles: readonly string[];
  isAdmin: boolean;
  /** When the credential that proved it expires (a WebSocket is closed then). */
  expiresAt?: Date;
}

export const ADMIN_ROLE = 'admin';

export function viewerFrom(userId: string, roles: readonly string[], expiresAt?: Date): Viewer {
  return { userId, roles, isAdmin: roles.includes(ADMIN_ROLE), ...(expiresAt ? { expiresAt } : {}) };
}
