import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LogRecord } from './logs.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

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
 * Starts the real server with the given environment and waits until it listens. Node runs it
 * directly (tsx as an import hook, not the tsx CLI), so signals, SIGKILL included, reach the
 * server itself and no orphan is left behind.
 */
export async function startServerProcess(env: Record<string, string>, readyTimeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx/esm', 'src/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
