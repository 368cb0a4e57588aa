import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agentServerEvents, verificationLockedEventSchema } from '@loyaldesk/contracts/agents-events';
import { useNow } from '../app/use-now.ts';
import { formatTime } from '../format/format.ts';
import { currentLanguage, localeOf } from '../i18n/i18n.ts';
import { useLiveEvent } from './live-socket.tsx';
import { activeVerificationLocks, addVerificationLock, type VerificationLocks } from './verification-locks.ts';

/** The chat bot's `verification.locked` alerts while they are in force: every agent and manager sees them. */
export function VerificationAlerts() {
  const { t } = useTranslation();
  const now = useNow();
  const [locks, setLocks] = useState<VerificationLocks>([]);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  useLiveEvent(agentServerEvents.verificationLocked, verificationLockedEventSchema, (event) => {
    setLocks((current) => addVerificationLock(current, event, Date.now()));
    setDismissed((current) => new Set([...current].filter((orderNumber) => orderNumber !== event.orderNumber)));
  });
  const shown = activeVerificationLocks(locks, now, dismissed);
  if (shown.length === 0) return null;
  const locale = localeOf[currentLanguage()];
  return (
    <div className="verification-alerts">
      {shown.map((lock) => (
        <p key={lock.orderNumber} className="form-error" role="alert">
          {t('app.verificationLocked', {
            orderNumber: lock.orderNumber,
            attempts: lock.attempts,
            time: formatTime(lock.lockedUntil, locale),
          })}{' '}
          <button
            type="button"
            className="button ghost"
            onClick={() => setDismissed((current) => new Set([...current, lock.orderNumber]))}
          >
            {t('app.dismiss')}
          </button>
        </p>
      ))}
    </div>
  );
}
