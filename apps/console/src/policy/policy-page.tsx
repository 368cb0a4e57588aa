import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { issueKinds } from '@loyaldesk/contracts/issue-kind';
import {
  slaPolicyResponseSchema,
  slaPolicyUpdateResponseSchema,
  tierPolicyResponseSchema,
  tierPolicyUpdateResponseSchema,
  type ProfilePolicy,
  type SlaPolicy,
} from '@loyaldesk/contracts/policies';
import { tiers, type Tier } from '@loyaldesk/contracts/tier';
import { ApiError, apiRequest } from '../api/client.ts';
import { formatDateTime, formatMinutes } from '../format/format.ts';
import { currentLanguage, localeOf } from '../i18n/i18n.ts';
import { TierBadge } from '../queue/badges.tsx';
import { ProactivePolicyForm } from './proactive-policy-form.tsx';
import { SaveBar } from './save-bar.tsx';
import {
  numberFromInput,
  serverFieldError,
  setPath,
  slaPolicyFormSchema,
  tierPolicyFormSchema,
  toMinor,
  validateForm,
  type FieldErrors,
  type FieldProblem,
} from './policy-form.ts';

function useProblemText(): (problem: FieldProblem) => string {
  const { t } = useTranslation();
  return (problem) =>
    'text' in problem ? problem.text : t(problem.key, { ...problem.values, tier: problem.values?.['tier'] });
}

/** What every field of one policy form shares: where a change goes, the problems found, whether it may be edited. */
interface PolicyFields {
  update: (path: string, value: number) => void;
  errors: FieldErrors;
  disabled: boolean;
}

/**
 * A number input for the policy value at `path` (also its id), with its label and, under it, its
 * error (aria-invalid + aria-describedby).
 */
function NumberField({
  path,
  label,
  value,
  step = 1,
  fields,
}: {
  path: string;
  label: ReactNode;
  value: number;
  step?: number;
  fields: PolicyFields;
}) {
  const error = fields.errors[path];
  const text = useProblemText();
  const errorId = `${path}-error`;
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={path}>{label}</label>
      <input
        id={path}
        name={path}
        type="number"
        inputMode="decimal"
        step={step}
        value={Number.isNaN(value) ? '' : value}
        onChange={(event) => fields.update(path, numberFromInput(event.target.value))}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        disabled={fields.disabled}
      />
      {error ? (
        <span className="field-error" id={errorId} role="alert">
          {text(error)}
        </span>
      ) : null}
    </div>
  );
}

/** One row per tier (highest first), one number field per column; field ids are the policy paths. */
function TierTable<T extends Tier>({
  tiers: rows,
  columns,
  fields,
}: {
  tiers: readonly T[];
  columns: ReadonlyArray<{ header: string; path: (tier: T) => string; value: (tier: T) => number; step?: number }>;
  fields: PolicyFields;
}) {
  const { t } = useTranslation();
  return (
    <table className="policy-table">
      <thead>
        <tr>
          <th scope="col">{t('dashboard.tier')}</th>
          {columns.map((column) => (
            <th scope="col" key={column.header}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...rows].reverse().map((tier) => (
          <tr key={tier}>
            <th scope="row">
              <TierBadge tier={tier} />
            </th>
            {columns.map((column) => (
              <td key={column.header}>
                <NumberField
                  path={column.path(tier)}
                  label={<span className="visually-hidden">{`${t(`tier.${tier}`)} ${column.header}`}</span>}
                  value={column.value(tier)}
                  {...(column.step ? { step: column.step } : {})}
                  fields={fields}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}


/**
 * Load, edit and save one policy: the form state, field errors (client zod first, then the
 * server's `{error:{field}}` at its field) and the save message. `toForm`/`fromForm` convert
 * between what the API stores and what the form shows (e.g. minor vs major units).
 */
function usePolicyEditor<Policy, Form, Response extends { policy: Policy }>(options: {
  path: string;
  responseSchema: z.ZodType<Response>;
  /** The PUT answer: the response with how many open tickets were re-ranked. */
  updateResponseSchema: z.ZodType<Response & { rerankedTickets: number }>;
  formSchema: Parameters<typeof validateForm>[0];
  toForm: (policy: Policy) => Form;
  fromForm: (form: Form) => Policy;
}) {
  const { t } = useTranslation();
  const { path, responseSchema, updateResponseSchema, formSchema, toForm, fromForm } = options;
  const [loaded, setLoaded] = useState<Response | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    apiRequest(responseSchema, 'GET', path)
      .then((response) => {
        setLoaded(response);
        setForm(toForm(response.policy));
      })
      .catch((caught: unknown) => setMessage(caught instanceof Error ? caught.message : String(caught)));
    // The endpoint and converters are fixed per form: load once.
  }, []);

  function update(field: string, value: number): void {
    setForm((current) => (current === null ? current : setPath(current, field, value)));
    setErrors((current) => {
      const { [field]: _removed, ...rest } = current;
      return rest;
    });
    setMessage(null);
  }

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!form) return;
    const policy = fromForm(form);
    const clientErrors = validateForm(formSchema, policy);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return;
    setSaving(true);
    try {
      const saved = await apiRequest(updateResponseSchema, 'PUT', path, policy);
      setLoaded(saved);
      setForm(toForm(saved.policy));
      setMessage(t('policy.saved', { count: saved.rerankedTickets }));
    } catch (caught) {
      if (caught instanceof ApiError) {
        const fieldError = serverFieldError(caught);
        if (fieldError) setErrors({ [fieldError.field]: fieldError.problem });
        else setMessage(caught.message);
      } else setMessage(String(caught));
    } finally {
      setSaving(false);
    }
  }

  function reset(): void {
    if (loaded) setForm(toForm(loaded.policy));
    setErrors({});
  }

  const dirty = form !== null && loaded !== null && JSON.stringify(fromForm(form)) !== JSON.stringify(loaded.policy);
  return { loaded, form, errors, saving, message, update, save, reset, dirty, invalid: Object.keys(errors).length > 0 };
}

const sameSlaPolicy = (policy: SlaPolicy): SlaPolicy => policy;

function SlaPolicyForm({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const locale = localeOf[currentLanguage()];
  const {
    loaded,
    form: policy,
    errors,
    saving,
    message,
    update,
    save,
    reset,
    dirty,
    invalid,
  } = usePolicyEditor({
    path: '/api/policy/sla',
    responseSchema: slaPolicyResponseSchema,
    updateResponseSchema: slaPolicyUpdateResponseSchema,
    formSchema: slaPolicyFormSchema,
    toForm: sameSlaPolicy,
    fromForm: sameSlaPolicy,
  });
  if (!policy || !loaded) return <p className="muted pad">{message ?? t('app.loading')}</p>;
  const fields: PolicyFields = { update, errors, disabled: !canEdit };

  return (
    <form className="policy-card" onSubmit={(event) => void save(event)} noValidate aria-labelledby="sla-title">
      <div className="policy-card-head">
        <h2 id="sla-title">{t('policy.slaTitle')}</h2>
        <p className="muted">{t('policy.slaHelp')}</p>
        <p className="muted small">
          {t('policy.fairness', { time: formatMinutes(loaded.largestTargetMinutes) })}
          {loaded.updatedAt
            ? ` · ${t('policy.lastChanged', { date: formatDateTime(loaded.updatedAt, locale), by: loaded.updatedBy ?? '—' })}`
            : ''}
        </p>
      </div>
      <TierTable
        tiers={tiers}
        columns={[
          {
            header: t('policy.firstResponse'),
            path: (tier) => `firstResponseMinutes.${tier}`,
            value: (tier) => policy.firstResponseMinutes[tier],
          },
          {
            header: t('policy.resolution'),
            path: (tier) => `resolutionMinutes.${tier}`,
            value: (tier) => policy.resolutionMinutes[tier],
          },
        ]}
        fields={fields}
      />
      <h3>{t('policy.valueRules')}</h3>
      <p className="muted small">{t('policy.valueHelp')}</p>
      <div className="value-rules">
        {policy.valueAdjustments.map((rule, index) => (
          <div className="value-rule" key={index}>
            <NumberField
              path={`valueAdjustments.${index}.minPercentile`}
              label={t('policy.minPercentile')}
              value={rule.minPercentile}
              step={0.1}
              fields={fields}
            />
            <NumberField
              path={`valueAdjustments.${index}.factor`}
              label={t('policy.factor')}
              value={rule.factor}
              step={0.05}
              fields={fields}
            />
          </div>
        ))}
      </div>
      <h3>{t('policy.issueFactors')}</h3>
      <div className="issue-grid">
        {issueKinds.map((kind) => (
          <NumberField
            key={kind}
            path={`issueKindFactors.${kind}`}
            label={t(`issueKind.${kind}`)}
            value={policy.issueKindFactors[kind]}
            step={0.05}
            fields={fields}
          />
        ))}
      </div>
      <SaveBar saving={saving} dirty={dirty} message={message} onReset={reset} canEdit={canEdit} invalid={invalid} />
    </form>
  );
}

/** The tier form shows money in major units; the API stores minor units. */
type TierForm = Omit<ProfilePolicy, 'thresholds'> & {
  thresholds: Record<'silver' | 'gold' | 'platinum', { minSpend: number; minOrders: number }>;
};
const paidTiers = ['silver', 'gold', 'platinum'] as const;

function toForm(policy: ProfilePolicy): TierForm {
  return structuredClone({
    ...policy,
    thresholds: Object.fromEntries(
      paidTiers.map((tier) => [tier, { ...policy.thresholds[tier], minSpend: policy.thresholds[tier].minSpend / 100 }]),
    ) as TierForm['thresholds'],
  });
}
function fromForm(form: TierForm): ProfilePolicy {
  return {
    ...form,
    thresholds: Object.fromEntries(
      paidTiers.map((tier) => [tier, { ...form.thresholds[tier], minSpend: toMinor(form.thresholds[tier].minSpend) }]),
    ) as ProfilePolicy['thresholds'],
  };
}

function TierPolicyForm({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { loaded, form, errors, saving, message, update, save, reset, dirty, invalid } = usePolicyEditor({
    path: '/api/policy/tiers',
    responseSchema: tierPolicyResponseSchema,
    updateResponseSchema: tierPolicyUpdateResponseSchema,
    formSchema: tierPolicyFormSchema,
    toForm,
    fromForm,
  });
  if (!form || !loaded) return <p className="muted pad">{message ?? t('app.loading')}</p>;
  const fields: PolicyFields = { update, errors, disabled: !canEdit };

  return (
    <form className="policy-card" onSubmit={(event) => void save(event)} noValidate aria-labelledby="tiers-title">
      <div className="policy-card-head">
        <h2 id="tiers-title">{t('policy.tiersTitle')}</h2>
        <p className="muted">{t('policy.tiersHelp')}</p>
      </div>
      <TierTable
        tiers={paidTiers}
        columns={[
          {
            header: t('policy.minSpend', { currency: loaded.currency }),
            path: (tier) => `thresholds.${tier}.minSpend`,
            value: (tier) => form.thresholds[tier].minSpend,
            step: 0.01,
          },
          {
            header: t('policy.minOrders'),
            path: (tier) => `thresholds.${tier}.minOrders`,
            value: (tier) => form.thresholds[tier].minOrders,
          },
        ]}
        fields={fields}
      />
      <div className="issue-grid">
        <NumberField path="tierWindowDays" label={t('policy.windowDays')} value={form.tierWindowDays} fields={fields} />
        <NumberField
          path="expectedLifespanYears"
          label={t('policy.lifespan')}
          value={form.expectedLifespanYears}
          step={0.25}
          fields={fields}
        />
      </div>
      <SaveBar saving={saving} dirty={dirty} message={message} onReset={reset} canEdit={canEdit} invalid={invalid} />
    </form>
  );
}

/** Managers edit the SLA targets and tier thresholds; agents see them read-only. */
export function PolicyPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="page policy">
      <div className="page-header">
        <h1>{t('policy.title')}</h1>
        {!canEdit ? <p className="muted">{t('policy.managersOnly')}</p> : null}
      </div>
      <div className="policy-grid">
        <SlaPolicyForm canEdit={canEdit} />
        {canEdit ? <TierPolicyForm canEdit={canEdit} /> : null}
        <ProactivePolicyForm canEdit={canEdit} />
      </div>
    </div>
  );
}
