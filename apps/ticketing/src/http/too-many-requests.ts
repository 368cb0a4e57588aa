import { AppError } from '@loyaldesk/platform/errors';

/** Too many attempts (or too many at once); `retryAfterSeconds` goes out as the Retry-After header. */
export class TooManyRequestsError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number, code = 'too_many_requests') {
    super(code, message, { status: 429 });
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
