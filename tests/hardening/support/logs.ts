import { pino, type Logger } from 'pino';

export interface LogRecord {
  level: number;
  msg: string;
  [key: string]: any;
}

/** A pino logger writing parsed JSON records into an array, to assert what reaches the log. */
export function captureLogs(): { logger: Logger; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const logger = pino(
    { level: 'info', base: { service: 'newsgraph' } },
    {
      write(line: string) {
        records.push(JSON.parse(line) as LogRecord);
      },
    },
  );
  return { logger, records };
}
