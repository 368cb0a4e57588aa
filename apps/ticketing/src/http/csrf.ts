import { AppError } from '@loyaldesk/platform/errors';

/** The header state-changing requests must carry: browsers never add it cross-site without CORS. */
export const csrfHeader = 'x-requested-with';

/** A state-changing request without the anti-CSRF header. */
export class CsrfError extends AppError {
  constructor() {
    super('csrf_header_missing', 'State-changing requests must send the header X-Requested-With (any value)', {
      status: 403,
    });
  }
}

/** Whether a method changes state (and so needs the header). */
export function isStateChanging(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}
