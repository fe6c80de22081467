import { pino, type Logger } from 'pino';

export type { Logger };

/** One structured JSON logger per process; components take children of it. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', name = 'sixfold'): Logger {
  return pino({
    name,
    level,
    // Secrets must never reach the log, whatever object a caller passes in.
    redact: {
      paths: ['*.authorization', '*.password', '*.apiKey', '*.token', 'req.headers.authorization', 'req.headers["x-sixfold-identity"]'],
      censor: '[redacted]',
    },
  });
}
