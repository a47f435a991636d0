import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout+stderr, or rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited(timeoutMs?: number): Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Runs `src/main.ts` as `npm start` does, in a child process with the given
 * environment; `wrapper` runs it under another command (e.g. `unshare …`).
 */
export function startMain(env: Record<string, string>, wrapper: readonly string[] = []): RunningProcess {
  return startProcess([...wrapper, process.execPath, '--import', 'tsx', 'src/main.ts'], env);
}

/** Runs a TypeScript file of the project (through tsx) in a child process. */
export function startScript(file: string, args: readonly string[] = [], env: Record<string, string> = {}): RunningProcess {
  return startNode(['--import', 'tsx', file, ...args], env);
}

/** Runs `node <args>` from the project root with only PATH, HOME and `env` in its environment. */
export function startNode(args: readonly string[], env: Record<string, string>): RunningProcess {
  return startProcess([process.execPath, ...args], env);
}

function startProcess(command: readonly string[], env: Record<string, string>): RunningProcess {
  const [executable, ...args] = command;
  const child = spawn(executable!, args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return {
    child,
    output: () => output,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) {
            done();
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`));
        }, timeoutMs);
        const onExit = () => {
          done();
          reject(new Error(`process exited before ${pattern}; output:\n${output}`));
        };
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    exited(timeoutMs = 30_000) {
      return Promise.race([
        exit,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`process did not exit; output:\n${output}`)), timeoutMs).unref(),
        ),
      ]);
    },
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
    },
  };
}
