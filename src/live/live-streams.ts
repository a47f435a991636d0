import { AccessRevokedError, TooManySubscriptionsError } from '../domain/errors.js';
import type { Viewer } from '../domain/viewer.js';
import type { GrantRef } from '../store/grant-repository.js';

/**
 * One live subscription of one user, counted against that user's cap from
 * the moment it starts opening; once it knows its target, a revoked grant on
 * that target ends it.
 */
export class LiveStream {
  private target: string | null = null;
  private endOnRevoke: ((error: AccessRevokedError) => void) | undefined;
  /** Targets whose grant went while the stream was still opening (between its visibility check and `follows`). */
  private readonly revokedWhileOpening = new Set<string>();

  constructor(
    readonly viewer: Viewer,
    private readonly release: (stream: LiveStream) => void,
  ) {}

  /** The target this stream depends on, if its visibility depends on a grant. */
  get dependsOn(): GrantRef | undefined {
    return this.target !== null && !this.viewer.isAdmin
      ? { targetId: this.target, userId: this.viewer.userId }
      : undefined;
  }

  /** From now on a revoked grant on `targetId` calls `end` (at once if it already happened). */
  follows(targetId: string, end: (error: AccessRevokedError) => void): void {
    if (this.viewer.isAdmin) return; // an admin sees every target, granted or not
    this.target = targetId;
    this.endOnRevoke = end;
    if (this.revokedWhileOpening.has(targetId)) end(new AccessRevokedError());
    this.revokedWhileOpening.clear();
  }

  revoked(targetId: string): void {
    if (this.endOnRevoke === undefined) this.revokedWhileOpening.add(targetId);
    else if (targetId === this.target) this.endOnRevoke(new AccessRevokedError());
  }

  close(): void {
    this.endOnRevoke = undefined;
    this.release(this);
  }
}

/**
 * The live subscriptions of this process, by user: the per-user cap
 * (`WS_MAX_SUBSCRIPTIONS_PER_USER`, across sockets) and the revocations that
 * must end them.
 */
export class LiveStreams {
  private readonly byUser = new Map<string, Set<LiveStream>>();

  constructor(private readonly maxPerUser: number) {}

  /** A new stream for `viewer`, or TooManySubscriptionsError when they hold the maximum already. */
  open(viewer: Viewer): LiveStream {
    let streams = this.byUser.get(viewer.userId);
    if ((streams?.size ?? 0) >= this.maxPerUser) throw new TooManySubscriptionsError(this.maxPerUser);
    if (!streams) {
      streams = new Set();
      this.byUser.set(viewer.userId, streams);
    }
    const entry = streams;
    const stream = new LiveStream(viewer, (closed) => {
      entry.delete(closed);
      if (entry.size === 0 && this.byUser.get(viewer.userId) === entry) this.byUser.delete(viewer.userId);
    });
    streams.add(stream);
    return stream;
  }

  revoke({ targetId, userId }: GrantRef): void {
    for (const stream of [...(this.byUser.get(userId) ?? [])]) stream.revoked(targetId);
  }

  /** The grants the live streams depend on, each once (to check them again after missed notices). */
  dependencies(): GrantRef[] {
    const unique = new Map<string, GrantRef>();
    for (const streams of this.byUser.values()) {
      for (const stream of streams) {
        const grant = stream.dependsOn;
        if (grant) unique.set(JSON.stringify([grant.userId, grant.targetId]), grant);
      }
    }
    return [...unique.values()];
  }
}
