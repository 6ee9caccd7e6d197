import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs (one object a line, on stdout) for the worker and the API server.
 * LOG_LEVEL sets the level (trace, debug, info, warn, error; info by default). Known secret
 * fields are replaced by "[redacted]" wherever they appear one or two levels deep.
 */
const secretFields = ['authorization', 'refreshToken', 'accessToken', 'refresh_token', 'access_token', 'password', 'secretKey', 'token'];
const redactPaths = [...secretFields, ...secretFields.map((f) => `*.${f}`), 'req.headers.authorization', 'req.headers.cookie'];

export interface CreateLoggerOptions {
  env?: NodeJS.ProcessEnv;
  /** Names the process in every line (`worker`, `api`). */
  name?: string;
  /** Where lines go; stdout when omitted (tests pass a buffer). */
  destination?: DestinationStream;
}

export function createLogger({ env = process.env, name, destination }: CreateLoggerOptions = {}): Logger {
  const level = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!pino.levels.values[level]) throw new Error(`LOG_LEVEL "${env.LOG_LEVEL}" is not a level; use one of trace, debug, info, warn, error.`);
  const options = { level, name, redact: { paths: redactPaths, censor: '[redacted]' }, base: { pid: process.pid } };
  return destination ? pino(options, destination) : pino(options);
}

type PinoLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';
// Read by whatever level a line comes with at run time (the native core's too), so a level missing here logs as info.
const pinoLevels: Partial<Record<string, PinoLevel>> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } satisfies Record<LogLevel, PinoLevel>;

/**
 * The Temporal SDK's Logger interface on top of pino, for Runtime.install({ logger }): SDK,
 * workflow and activity context logs (and, with forwarding on, the native core's) become pino lines.
 */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    this.logger[pinoLevels[level] ?? 'info'](meta ?? {}, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/** The SDK's level filter for the native core, from the pino level (the core is chatty below WARN). */
export function temporalLevel(logger: Logger): LogLevel {
  const entry = Object.entries(pinoLevels).find(([, pinoLevel]) => pinoLevel === logger.level);
  return (entry?.[0] as LogLevel | undefined) ?? 'INFO';
}
