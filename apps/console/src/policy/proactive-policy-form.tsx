import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { deliveryProblemKinds } from '@loyaldesk/contracts/delivery-problem';
import {
  proactiveNoticePolicyResponseSchema,
  proactiveNoticePolicySchema,
  type ProactiveNoticePolicy,
} from '@loyaldesk/contracts/policies';
import { tiers } from '@loyaldesk/contracts/tier';
import { ApiError, apiRequest } from '../api/client.ts';
import { TierBadge } from '../queue/badges.tsx';
import { numberFromInput } from './policy-form.ts';
import { SaveBar } from './save-bar.tsx';
import { noticeActions as actions, toggleKind } from './proactive-policy.ts';

/** Which delivery problems email the shopper and open a ticket, per tier; managers edit, agents read. */
export function ProactivePolicyForm({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<ProactiveNoticePolicy | null>(null);
  const [policy, setPolicy] = useState<ProactiveNoticePolicy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    apiRequest(proactiveNoticePolicyResponseSchema, 'GET', '/api/policy/proactive-notices')
      .then((response) => {
        setLoaded(response.policy);
        setPolicy(response.policy);
      })
      .catch((caught: unknown) => setMessage(caught instanceof Error ? caught.message : String(caught)));
  }, []);

  if (!policy || !loaded) return <p className="muted pad">{message ?? t('app.loading')}</p>;

  function change(next: ProactiveNoticePolicy): void {
    setPolicy(next);
    setError(null);
    setMessage(null);
  }

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!policy) return;
    const checked = proactiveNoticePolicySchema.safeParse(policy);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? t('policy.fixErrors'));
      return;
    }
    setSaving(true);
    try {
      const saved = await apiRequest(proactiveNoticePolicyResponseSchema, 'PUT', '/api/policy/proactive-notices', checked.data);
      setLoaded(saved.policy);
      setPolicy(saved.policy);
      setMessage(t('proactivePolicy.saved'));
    } catch (caught) {
      if (caught instanceof ApiError && caught.field) setError(caught.message);
      else setMessage(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSaving(false);
    }
  }

  const dirty = JSON.stringify(policy) !== JSON.stringify(loaded);
  const slipInvalid = error !== null;
  return (
    <form className="policy-card wide" onSubmit={(event) => void save(event)} noValidate aria-labelledby="proactive-title">
      <div className="policy-card-head">
        <h2 id="proactive-title">{t('proactivePolicy.title')}</h2>
        <p className="muted">{t('proactivePolicy.help')}</p>
      </div>
      <div className={slipInvalid ? 'field slip-hours invalid' : 'field slip-hours'}>
        <label htmlFor="estimateSlipHours">{t('proactivePolicy.slipHours')}</label>
        <input
          id="estimateSlipHours"
          type="number"
          inputMode="numeric"
          step={1}
          value={Number.isNaN(policy.estimateSlipHours) ? '' : policy.estimateSlipHours}
          onChange={(event) => change({ ...policy, estimateSlipHours: numberFromInput(event.target.value) })}
          aria-invalid={slipInvalid ? true : undefined}
          aria-describedby={slipInvalid ? 'estimateSlipHours-error' : undefined}
          disabled={!canEdit}
        />
        {slipInvalid ? (
          <span className="field-error" id="estimateSlipHours-error" role="alert">
            {error}
          </span>
        ) : null}
      </div>
      <table className="policy-table proactive-table">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.tier')}</th>
            {deliveryProblemKinds.map((kind) => (
              <th scope="col" key={kind}>
                {t(`proactivePolicy.kind.${kind}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tiers.map((tier) => (
            <tr key={tier}>
              <th scope="row">
                <TierBadge tier={tier} />
              </th>
              {deliveryProblemKinds.map((kind) => (
                <td key={kind}>
                  {actions.map((action) => (
                    <label className="check" key={action}>
                      <input
                        type="checkbox"
                        checked={policy.tiers[tier][action].includes(kind)}
                        onChange={(event) => change(toggleKind(policy, tier, action, kind, event.target.checked))}
                        disabled={!canEdit}
                        aria-label={`${t(`tier.${tier}`)} ${t(`proactivePolicy.kind.${kind}`)}: ${t(`proactivePolicy.${action}`)}`}
                      />
                      {t(`proactivePolicy.${action}Short`)}
                    </label>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <SaveBar
        saving={saving}
        dirty={dirty}
        message={message}
        onReset={() => change(loaded)}
        canEdit={canEdit}
        invalid={error !== null}
      />
    </form>
  );
}
