/** A failure with a stable machine-readable code, an HTTP status and, when one input caused it, its field. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;

  constructor(code: string, message: string, options: { status?: number; field?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code.startsWith('loyaldesk:') ? code : `loyaldesk:${code}`;
    this.status = options.status ?? 500;
    this.field = options.field;
  }

  /** The one error body every API returns: `{error: {code, message, field?}}`. */
  toBody(): { error: { code: string; message: string; field?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

/** Input that failed validation; `field` is the dotted path of the first bad field. */
export class ValidationError extends AppError {
  constructor(message: string, field?: string, cause?: unknown) {
    super('validation_failed', message, { status: 400, ...(field ? { field } : {}), cause });
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super(`${entity}_not_found`, `${entity.replace(/_/g, ' ')} ${id} was not found`, { status: 404 });
  }
}

/** A write that would break a unique rule (MongoDB error 11000). */
export class DuplicateKeyError extends AppError {
  constructor(message: string, field?: string, cause?: unknown) {
    super('duplicate_key', message, { status: 409, ...(field ? { field } : {}), cause });
  }
}

/** The environment or a config file is wrong; the message names the variable and what to do. */
export class ConfigError extends AppError {
  constructor(message: string, field?: string) {
    super('invalid_config', message, { status: 500, ...(field ? { field } : {}) });
  }
}

/** A server the project depends on could not be reached or started. */
export class ServiceUnavailableError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('service_unavailable', message, { status: 503, cause });
  }
}

interface MongoLikeError {
  code?: unknown;
  keyPattern?: unknown;
  keyValue?: unknown;
  message?: unknown;
}

/**
 * True when `error` is MongoDB's duplicate-key error (code 11000), from the driver or Mongoose.
 * FerretDB 1.24 (the local and test server) reports a unique index broken by the update of a
 * `findAndModify` as an error with SQLite's message instead of code 11000: that counts too.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as MongoLikeError;
  return code === 11000 || (typeof message === 'string' && message.includes('UNIQUE constraint failed'));
}

/** Turns a duplicate-key error into a typed {@link DuplicateKeyError} naming the field when the server says it. */
export function toDuplicateKeyError(error: unknown, what: string): DuplicateKeyError {
  const info = error as MongoLikeError;
  const pattern = info.keyPattern ?? info.keyValue;
  const field =
    typeof pattern === 'object' && pattern !== null ? Object.keys(pattern)[0] : duplicateFieldFromMessage(info.message);
  return new DuplicateKeyError(`${what} already exists${field ? ` (${field} must be unique)` : ''}`, field, error);
}

function duplicateFieldFromMessage(message: unknown): string | undefined {
  if (typeof message !== 'string') return undefined;
  // MongoDB: "... index: email_1 dup key: ..."; FerretDB says less, so the field may stay unknown.
  const match = /index: (\w+?)_-?1/.exec(message);
  return match?.[1];
}

/** Driver errors that mean "the database or Redis is away for now", by name (no driver import here). */
const outageErrorNames = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MaxRetriesPerRequestError',
]);

/** Socket errors of a link to a server that went away. */
const outageErrorCodes = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** Seconds a client is told to wait (`Retry-After`) before trying again during an outage. */
export const outageRetryAfterSeconds = 2;

/**
 * Whether `error` means a server we depend on is away for now (so the caller gets 503 with
 * `Retry-After`, and retries), rather than a bug: a {@link ServiceUnavailableError}, a driver's
 * network or server-selection error, or Redis refusing while disconnected.
 */
export function isOutageError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof ServiceUnavailableError || outageErrorNames.has(current.name)) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && outageErrorCodes.has(code)) return true;
    if (/Connection is closed|Stream isn't writeable|enableOfflineQueue/i.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}
