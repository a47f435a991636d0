import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Child processes of the bench: every one is registered so that it is killed
 * on exit, on error and on SIGINT/SIGTERM (by its own pid, never by name).
 */
const children = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function killAll(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill(signal);
      } catch {
        /* already gone */
      }
    }
  }
}

let handlersInstalled = false;
export function installExitHandlers(onSignal: () => Promise<void> | void = () => {}): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => killAll());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the bench and its child processes`);
      void Promise.resolve(onSignal()).finally(() => {
        killAll();
        process.exit(130);
      });
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(error);
    killAll();
    process.exit(1);
  });
}

export interface Spawned {
  child: ChildProcess;
  logFile: string;
  /** Resolves with the first log line matching `pattern` (the process writes to `logFile`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  log(): string;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * `node --import tsx <script>` (or plain `node <script>` for JavaScript, with
 * `plain`) with its stdout/stderr in a log file; `ipc` adds a message channel.
 */
export function spawnNode(
  script: string,
  options: {
    env?: Record<string, string | undefined>;
    logFile: string;
    nodeArgs?: string[];
    ipc?: boolean;
    args?: string[];
    plain?: boolean;
  },
): Spawned {
  const fd = openSync(options.logFile, 'w');
  const stdio: StdioOptions = options.ipc ? ['ignore', fd, fd, 'ipc'] : ['ignore', fd, fd];
  const child = track(
    spawn(
      process.execPath,
      [...(options.nodeArgs ?? []), ...(options.plain ? [] : ['--import', 'tsx']), script, ...(options.args ?? [])],
      {
        cwd: process.cwd(),
        env: { ...process.env, ...options.env },
        stdio,
      },
    ),
  );
  closeSync(fd);
  const log = () => {
    try {
      return readFileSync(options.logFile, 'utf8');
    } catch {
      return '';
    }
  };
  return {
    child,
    logFile: options.logFile,
    log,
    async waitFor(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = log().match(pattern);
        if (match) return match;
        if (child.exitCode !== null || child.signalCode !== null) {
          const exit = child.exitCode ?? child.signalCode;
          throw new Error(`${script} exited (${exit}) before printing ${pattern}:\n${log().slice(-2000)}`);
        }
        if (Date.now() > deadline)
          throw new Error(`${script} did not print ${pattern} within ${timeoutMs} ms:\n${log().slice(-2000)}`);
        await sleep(50);
      }
    },
    async stop(graceMs = 8_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** VmRSS of a process in bytes (Linux /proc). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : NaN;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** utime+stime of a process in CPU milliseconds (Linux /proc). */
export function cpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/stat`);
}

/** utime+stime of a process's main thread alone (its JavaScript event loop), in CPU milliseconds. */
export function mainThreadCpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/task/${pid}/stat`);
}

function statCpuMs(file: string): number {
  const stat = readFileSync(file, 'utf8');
  // The command name may contain spaces: fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLOCK_TICKS;
}

/** Sends a message to a child over IPC and waits for its answer of type `${type}:done`. */
export function ask<T = unknown>(
  child: ChildProcess,
  message: { type: string; [k: string]: unknown },
  timeoutMs = 600_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (received: unknown) => {
      const reply = received as { type?: string; message?: string } | null;
      if (reply?.type === `${message.type}:done`) {
        cleanup();
        resolve(reply as T);
      } else if (reply?.type === 'error') {
        cleanup();
        reject(new Error(`child failed: ${reply.message}`));
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child exited (${code}) while answering ${message.type}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`child did not answer ${message.type} within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message);
  });
}
