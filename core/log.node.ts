/**
 * The structured logger every host hands to the core (pino: one JSON object per line).
 * Personal data never reaches a log: the fields that could carry it are redacted by pino
 * itself, whatever a caller passes, and the core logs only ids, classes and messages.
 */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/** Fields that may hold what a person typed or said about themselves: never written out. */
export const REDACTED_FIELDS = ['input', 'query', 'situation', 'answers', 'form', 'name', 'phone', 'address', 'birth', 'text'];
const REDACT_PATHS = [...REDACTED_FIELDS, ...REDACTED_FIELDS.map((f) => `*.${f}`)];

export interface LoggerOptions {
  /** where lines go (default: standard error, synchronously, so nothing is lost on a crash) */
  destination?: DestinationStream;
  level?: string;
  /** the program writing (web-host, cli, electron-main, hub) */
  name: string;
}

export function createLogger(o: LoggerOptions): Logger {
  return pino(
    {
      level: o.level ?? process.env.AICHINGU_LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid, program: o.name },
      serializers: { err: errorFields },
    },
    o.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/** An error as logged: its class, message, code and stack — never the input that caused it. */
export function errorFields(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { type: typeof e, message: String(e) };
  const code = (e as { code?: unknown }).code;
  return { type: e.name || e.constructor.name, message: e.message, ...(code !== undefined ? { code } : {}), stack: e.stack, ...(e.cause !== undefined ? { cause: errorFields(e.cause) } : {}) };
}

/** A logger that keeps its lines in memory (tests read them back). */
export function memoryLogger(name = 'test'): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const logger = createLogger({ name, level: 'debug', destination: { write: (s: string) => void out.push(s) } });
  return { logger, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
