import { useTranslation } from 'react-i18next';
import type { Tier } from '@loyaldesk/contracts/tier';
import { formatDuration, secondsUntil, urgencyOf } from '../format/format.ts';

export function TierBadge({ tier }: { tier: Tier }) {
  const { t } = useTranslation();
  return <span className={`tier-badge tier-${tier}`}>{t(`tier.${tier}`)}</span>;
}

/** Time left to an SLA deadline ("in 12m" / "3m late"), coloured by urgency. */
export function SlaCountdown({ deadline, now, breached }: { deadline: string; now: number; breached?: boolean }) {
  const { t } = useTranslation();
  const left = secondsUntil(deadline, now);
  const urgency = breached ? 'breached' : urgencyOf(left);
  return (
    <span className={`sla sla-${urgency}`}>
      {left >= 0 ? t('queue.dueIn', { time: formatDuration(left) }) : t('queue.overdue', { time: formatDuration(-left) })}
    </span>
  );
}
