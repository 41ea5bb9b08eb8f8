import { pino, type Logger } from 'pino';

/** Structured JSON logs on stdout (one line per record), ready for any log shipper. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'newsgraph' } });
}
