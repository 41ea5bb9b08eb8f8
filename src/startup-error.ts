/**
 * A fault the operator can fix, worded as one line that says what to do. Entry points (npm
 * start, db:migrate, db:seed) print it alone and exit 1: a stack trace helps nobody there.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

interface Fault {
  code?: unknown;
  errors?: unknown[];
  cause?: unknown;
  port?: number;
  syscall?: string;
}

/**
 * The error that carries a SQLSTATE or Node system code: the error itself, its `cause` (drizzle
 * wraps driver errors as "Failed query: …") or one inside an AggregateError (pg's connect).
 */
export function rootFault(error: unknown): (Error & { code: string }) | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const fault = error as Fault;
  if (typeof fault.code === 'string') return error as Error & { code: string };
  for (const inner of [fault.cause, ...(fault.errors ?? [])]) {
    const found = rootFault(inner);
    if (found) return found;
  }
  return undefined;
}

/** The first SQLSTATE or Node system error code on an error (see rootFault). */
export function faultCode(error: unknown): string | undefined {
  return rootFault(error)?.code;
}

/**
 * What an entry point prints when start-up fails: one line, no stack. An unexpected error
 * shows its first line and says where the details are.
 */
export function startupFailureLine(error: unknown): string {
  if (error instanceof StartupError) return `newsgraph: ${error.message}`;
  const fault = (error ?? {}) as Fault;
  const code = faultCode(error);
  if (code === 'EADDRINUSE') return `newsgraph: port ${fault.port ?? ''} is already in use: stop the other server or set PORT.`;
  if (code === 'EACCES' && fault.syscall === 'listen') {
    return `newsgraph: no permission to listen on port ${fault.port ?? ''}: choose a PORT above 1023, or run with that right.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `newsgraph: cannot start: ${message.split('\n')[0]} (LOG_LEVEL=debug logs the details)`;
}
