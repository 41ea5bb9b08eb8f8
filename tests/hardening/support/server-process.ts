import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LogRecord } from './logs.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const tsxHook = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  logs: LogRecord[];
  /** Resolves when the process exits, with its code and when it happened. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Still running? */
  alive(): boolean;
  /** SIGKILL if still running (test cleanup). */
  kill(): void;
}

/**
 * The real entry point, run by node with tsx as an import hook (absolute, with the project's
 * tsconfig, so it works from any working directory). Only PATH and HOME are inherited.
 */
function spawnServer(env: Record<string, string>, cwd: string): ChildProcess {
  return spawn(process.execPath, ['--import', tsxHook, join(root, 'src/index.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      TSX_TSCONFIG_PATH: join(root, 'tsconfig.json'),
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the server expecting it to give up at start-up: its exit code and everything it printed. */
export async function runUntilExit(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnServer(env, root);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/**
 * Starts the real server with the given environment and waits until it listens. Node runs it
 * directly (tsx as an import hook, not the tsx CLI), so signals, SIGKILL included, reach the
 * server itself and no orphan is left behind.
 */
export async function startServerProcess(env: Record<string, string>, readyTimeoutMs = 60_000, cwd = root): Promise<ServerProcess> {
  const child = spawnServer(env, cwd);
  const logs: LogRecord[] = [];
  let stderr = '';
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null; at: number } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    // 'close' (not 'exit'): by then every line the process wrote to stdout has been read.
    child.on('close', (code, signal) => {
      exitInfo = { code, signal, at: performance.now() };
      resolve(exitInfo);
    });
  });
  let buffered = '';
  const ready = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${readyTimeoutMs} ms\n${stderr}`)), readyTimeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        try {
          const record = JSON.parse(line) as LogRecord;
          logs.push(record);
          if (typeof record.msg === 'string' && record.msg.startsWith('newsgraph ready')) {
            clearTimeout(timer);
            resolve(record.port as number);
          }
        } catch {
          // not JSON (should not happen); kept out of the records
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready\n${stderr}`));
    });
  });
  const port = await ready;
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    logs,
    exited,
    alive: () => exitInfo === undefined,
    kill: () => {
      if (exitInfo === undefined) child.kill('SIGKILL');
    },
  };
}
