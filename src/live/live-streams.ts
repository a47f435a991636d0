import { AccessRevokedError, TooManySubscriptionsError } from '../domain/errors.js';
import type { Viewer } from '../domain/viewer.js';
import type { AccessNeed, Right } from '../store/access.js';

/**
 * Access that changed, as the database announces it (a grant given or gone,
 * a target into or out of a fleet): about one user, one target, or one user
 * on one target. Which streams it ends is decided by checking them against
 * the grant rule again, never by the notice alone.
 */
export interface AccessChanged {
  userId?: string;
  targetId?: string;
}

/** Answers those of `needs` no longer met: the grant rule (`AccessRepository.missing`). */
export type AccessCheck = (needs: readonly AccessNeed[]) => Promise<AccessNeed[]>;

/**
 * One live subscription of one user, counted against that user's cap from
 * the moment it starts opening; once it knows what it depends on (a right on
 * a target), losing that right ends it.
 */
export class LiveStream {
  private need: AccessNeed | undefined;
  private endOnRevoke: ((error: AccessRevokedError) => void) | undefined;
  /** Access changed while the stream was still opening (between its visibility check and `follows`). */
  private changedSinceOpening = false;

  constructor(
    readonly viewer: Viewer,
    private readonly release: (stream: LiveStream) => void,
    private readonly recheck: (streams: LiveStream[]) => void,
  ) {}

  /** The right on a target this stream depends on, if its visibility depends on a grant. */
  get dependsOn(): AccessNeed | undefined {
    return this.need;
  }

  get opening(): boolean {
    return this.endOnRevoke === undefined;
  }

  /**
   * From now on, losing `right` on `targetId` calls `end` (checked at once if
   * access changed while the stream was opening).
   */
  follows(targetId: string, right: Right, end: (error: AccessRevokedError) => void): void {
    if (this.viewer.isAdmin) return; // an admin sees every target, granted or not
    this.need = { userId: this.viewer.userId, targetId, right };
    this.endOnRevoke = end;
    if (this.changedSinceOpening) this.recheck([this]);
    this.changedSinceOpening = false;
  }

  /** Access changed somewhere: if still opening, the stream is checked once it knows its target. */
  changedWhileOpening(): void {
    this.changedSinceOpening = true;
  }

  revoked(): void {
    this.endOnRevoke?.(new AccessRevokedError());
  }

  close(): void {
    this.endOnRevoke = undefined;
    this.release(this);
  }
}

const needKey = (need: AccessNeed) => JSON.stringify([need.userId, need.targetId, need.right]);

/**
 * The live subscriptions of this process, by user: the per-user cap
 * (`WS_MAX_SUBSCRIPTIONS_PER_USER`, across sockets) and the shrinking of
 * changes of access that must end them.
 */
export class LiveStreams {
  private readonly byUser = new Map<string, Set<LiveStream>>();
  /** Streams announced changes concern, waiting for the next check; and that check. */
  private readonly concerned = new Set<LiveStream>();
  private checking: Promise<void> | undefined;

  constructor(
    private readonly maxPerUser: number,
    private readonly check: AccessCheck,
    private readonly onCheckFailed: (error: unknown) => void,
  ) {}

  /** A new stream for `viewer`, or TooManySubscriptionsError when they hold the maximum already. */
  open(viewer: Viewer): LiveStream {
    let streams = this.byUser.get(viewer.userId);
    if ((streams?.size ?? 0) >= this.maxPerUser) throw new TooManySubscriptionsError(this.maxPerUser);
    if (!streams) {
      streams = new Set();
      this.byUser.set(viewer.userId, streams);
    }
    const entry = streams;
    const stream = new LiveStream(
      viewer,
      (closed) => {
        entry.delete(closed);
        if (entry.size === 0 && this.byUser.get(viewer.userId) === entry) this.byUser.delete(viewer.userId);
      },
      (again) => void this.recheck(again),
    );
    streams.add(stream);
    return stream;
  }

  /**
   * Checks again the streams an announced change of access may concern, and
   * ends those no longer covered. The notices of one moment (a commit that
   * ended 1,000 grants announces 1,000) are gathered into one check: one
   * statement, not one per notice. Answers when that check is done.
   */
  changed({ userId, targetId }: AccessChanged): Promise<void> {
    const users = userId === undefined ? [...this.byUser.values()] : [this.byUser.get(userId) ?? new Set()];
    for (const streams of users) {
      for (const stream of streams) {
        if (stream.opening) {
          stream.changedWhileOpening();
          continue;
        }
        const need = stream.dependsOn;
        if (need && (targetId === undefined || need.targetId === targetId)) this.concerned.add(stream);
      }
    }
    this.checking ??= new Promise<void>((resolve) => {
      setImmediate(() => {
        const concerned = [...this.concerned];
        this.concerned.clear();
        this.checking = undefined;
        void this.recheck(concerned).then(resolve);
      });
    });
    return this.checking;
  }

  /** Checks every stream again (after notices may have been missed). */
  recheckAll(): Promise<void> {
    return this.recheck([...this.byUser.values()].flatMap((streams) => [...streams]));
  }

  private async recheck(streams: readonly LiveStream[]): Promise<void> {
    const needs = new Map<string, AccessNeed>();
    for (const stream of streams) {
      const need = stream.dependsOn;
      if (need) needs.set(needKey(need), need);
    }
    if (needs.size === 0) return;
    let lost: Set<string>;
    try {
      lost = new Set((await this.check([...needs.values()])).map(needKey));
    } catch (error) {
      this.onCheckFailed(error);
      return;
    }
    for (const stream of streams) {
      const need = stream.dependsOn;
      if (need && lost.has(needKey(need))) stream.revoked();
    }
  }
}
