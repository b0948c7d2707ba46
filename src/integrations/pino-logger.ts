import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The application's logger. Logs carry ids, never patient data: requests are logged by route pattern
 * (http-server.ts), and errors under `err` through `safeError`, since a database error quotes the statement's
 * parameters, the offending row and sometimes the value itself — a patient's name or INS.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, serializers: { err: safeError } };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/** A database error: node-postgres and PGlite both give the server's SQLSTATE and severity. */
function isDatabaseError(error: Error): boolean {
  return 'severity' in error && 'code' in error;
}

/**
 * An error as the logs may show it: its type, code and stack. A database error loses its message
 * (e.g. `invalid input syntax for type date: "Dupont"`), detail, query and parameters; its SQLSTATE,
 * constraint and routine say what went wrong. Anything else than an Error is only named.
 */
export function safeError(value: unknown): Record<string, unknown> {
  if (!(value instanceof Error)) return { type: typeof value };
  const code = 'code' in value ? value.code : undefined;
  if (!isDatabaseError(value)) return { type: value.name, code, message: value.message, stack: value.stack };
  const { constraint, routine } = value as { constraint?: unknown; routine?: unknown };
  const frames = value.stack?.split('\n').filter((line) => line.trimStart().startsWith('at '));
  return {
    type: value.name,
    code,
    message: `database error ${String(code)}`,
    constraint,
    routine,
    stack: frames?.join('\n'),
  };
}
