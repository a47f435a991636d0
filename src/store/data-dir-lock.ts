import { randomBytes } from 'node:crypto';
import { link, readFile, readlink, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Another live process holds the embedded database. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  readonly code = 'DATA_DIR_IN_USE';
}

/**
 * Who holds the lock: a PID alone is not enough, since PIDs are reused — in
 * a container the app is PID 1 at every start, so a crashed holder's PID is
 * "alive" again as the new process. The process start time (clock ticks
 * since boot) and the boot id tell that holder from a later process with its
 * PID.
 */
interface Holder {
  pid: number;
  /** From /proc/<pid>/stat; undefined where /proc does not exist (then the PID alone decides). */
  startTime?: string;
  bootId?: string;
  /**
   * The holder's PID namespace. From another one (another container on a
   * shared volume), its PID says nothing here: the lock's heartbeat decides.
   */
  pidNamespace?: string;
}

export interface LockTimings {
  /** How often the holder refreshes the lock file's time. */
  heartbeatMs: number;
  /** A lock from another PID namespace not refreshed for this long is stale. */
  staleMs: number;
}

const DEFAULT_TIMINGS: LockTimings = { heartbeatMs: 2_000, staleMs: 6_000 };

const ATTEMPTS = 5;

/**
 * PGlite is a single-process database: two processes on one data dir would
 * each keep their own copy in memory and lose each other's writes. The lock
 * file names its holder; it is created atomically (`link` fails if it
 * exists), and a stale one — its holder gone — is taken over without a race:
 * under a takeover guard, removed only if it is still the lock judged stale. A holder in another PID
 * namespace (another container on a shared volume) cannot be judged by its
 * PID: the holder refreshes the lock's time every heartbeat, and only a lock
 * left unrefreshed for `staleMs` is taken over.
 */
export async function lockDataDir(dir: string, timings: LockTimings = DEFAULT_TIMINGS): Promise<() => Promise<void>> {
  const file = path.join(dir, 'pglite.lock');
  const me = await describeProcess(process.pid);
  const content = JSON.stringify(me);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createExclusively(file, content)) {
      // The heartbeat lets a process in another PID namespace tell we live.
      const heartbeat = setInterval(() => {
        const now = new Date();
        void utimes(file, now, now).catch(() => {});
      }, timings.heartbeatMs);
      heartbeat.unref();
      return async () => {
        clearInterval(heartbeat);
        // Only our own lock is removed (a takeover may have replaced it).
        if ((await readFile(file, 'utf8').catch(() => '')) === content) await unlink(file).catch(() => {});
      };
    }
    const seen = await readFile(file, 'utf8').catch(() => undefined);
    if (seen === undefined) continue; // released meanwhile: try again
    const holder = parseHolder(seen);
    if (holder && inAnotherNamespace(holder, me)) {
      const verdict = await heartbeatVerdict(file, seen, timings);
      if (verdict === 'changed') continue;
      if (verdict === 'alive') {
        throw new DataDirInUseError(
          `${dir} is in use by a process in another PID namespace (another container); stop it or use another DATA_DIR`,
        );
      }
    } else if (holder && (await isRunning(holder))) {
      const who = sameProcess(holder, me) ? 'this process (opened twice)' : `process ${holder.pid}`;
      throw new DataDirInUseError(`${dir} is in use by ${who}; stop it or use another DATA_DIR`);
    }
    await takeOverStale(file, seen);
  }
  throw new DataDirInUseError(`${dir} is being locked by another process; try again`);
}

function inAnotherNamespace(holder: Holder, me: Holder): boolean {
  return holder.pidNamespace !== undefined && me.pidNamespace !== undefined && holder.pidNamespace !== me.pidNamespace;
}

/**
 * Watches the lock's time: a holder that lives refreshes it every heartbeat,
 * a crashed one leaves it to age. Waits at most until a lock left by a crash
 * would be stale, so a container restarted after a crash starts within
 * `staleMs`, while a live holder elsewhere is still refused.
 */
async function heartbeatVerdict(
  file: string,
  judged: string,
  timings: LockTimings,
): Promise<'stale' | 'alive' | 'changed'> {
  const deadline = Date.now() + timings.staleMs + timings.heartbeatMs;
  for (;;) {
    const [content, info] = await Promise.all([
      readFile(file, 'utf8').catch(() => undefined),
      stat(file).catch(() => undefined),
    ]);
    if (content !== judged || !info) return 'changed';
    if (Date.now() - info.mtimeMs > timings.staleMs) return 'stale';
    if (Date.now() > deadline) return 'alive';
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, timings.heartbeatMs)));
  }
}

/** Creates `file` with `content` only if it does not exist; answers whether it did. */
async function createExclusively(file: string, content: string): Promise<boolean> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(temporary, content, { mode: 0o600 });
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => {});
  }
}

/** A takeover guard older than this was left by a process that died taking over: it is removed. */
const TAKEOVER_GUARD_STALE_MS = 5_000;

/**
 * Removes the stale lock `judged`, unless another process replaced it in
 * between. Only the holder of a takeover guard (created exclusively, like the
 * lock) may remove a lock, and it checks under the guard that the lock is
 * still the one judged stale: moving a lock aside to look at it would leave
 * a moment without a lock, in which a third process could take it while the
 * first believed it still held it.
 */
async function takeOverStale(file: string, judged: string): Promise<void> {
  const guard = `${file}.takeover`;
  if (!(await createExclusively(guard, String(process.pid)))) {
    // Another process is taking over: let it finish, then look again.
    const info = await stat(guard).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > TAKEOVER_GUARD_STALE_MS) await unlink(guard).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 30));
    return;
  }
  try {
    if ((await readFile(file, 'utf8').catch(() => undefined)) === judged) await unlink(file).catch(() => {});
  } finally {
    await unlink(guard).catch(() => {});
  }
}

function parseHolder(text: string): Holder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Holder> | null;
    if (value === null || typeof value !== 'object' || !Number.isInteger(value.pid) || value.pid! <= 0) {
      return undefined;
    }
    return {
      pid: value.pid!,
      ...(typeof value.startTime === 'string' ? { startTime: value.startTime } : {}),
      ...(typeof value.bootId === 'string' ? { bootId: value.bootId } : {}),
      ...(typeof value.pidNamespace === 'string' ? { pidNamespace: value.pidNamespace } : {}),
    };
  } catch {
    // A lock of an older version held the bare PID; anything else is garbage, hence stale.
    const pid = Number(text.trim());
    return Number.isInteger(pid) && pid > 0 ? { pid } : undefined;
  }
}

/** Is the process that wrote this lock still running (and not merely another process with its PID)? */
async function isRunning(holder: Holder): Promise<boolean> {
  if (!pidAlive(holder.pid)) return false;
  const now = await describeProcess(holder.pid);
  if (holder.bootId !== undefined && now.bootId !== undefined && holder.bootId !== now.bootId) return false;
  if (holder.startTime !== undefined && now.startTime !== undefined) return holder.startTime === now.startTime;
  // A bare PID written by an older version: naming our own PID, it is a
  // crashed holder's (this process would have written its start time).
  if (holder.startTime === undefined && now.startTime !== undefined) return holder.pid !== process.pid;
  // No /proc (not Linux): the PID alone decides.
  return true;
}

function sameProcess(a: Holder, b: Holder): boolean {
  return a.pid === b.pid && a.startTime === b.startTime && a.bootId === b.bootId;
}

async function describeProcess(pid: number): Promise<Holder> {
  const [procStat, bootId, pidNamespace] = await Promise.all([
    readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined),
    readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => undefined),
    readlink(`/proc/${pid}/ns/pid`).catch(() => undefined),
  ]);
  // Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces
  // and parentheses, so count from after its closing parenthesis (field 3 on).
  const startTime = procStat?.slice(procStat.lastIndexOf(')') + 2).split(' ')[19];
  return {
    pid,
    ...(startTime ? { startTime } : {}),
    ...(bootId ? { bootId: bootId.trim() } : {}),
    ...(pidNamespace ? { pidNamespace } : {}),
  };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
