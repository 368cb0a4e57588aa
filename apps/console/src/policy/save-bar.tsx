import { useTranslation } from 'react-i18next';

/** A policy form's status line (saved, or fix the errors) with its Discard and Save buttons. */
export function SaveBar({
  saving,
  dirty,
  message,
  onReset,
  canEdit,
  invalid,
}: {
  saving: boolean;
  dirty: boolean;
  message: string | null;
  onReset: () => void;
  canEdit: boolean;
  invalid: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="save-bar">
      <span role="status" className={invalid ? 'save-message error' : 'save-message'}>
        {invalid ? t('policy.fixErrors') : message}
      </span>
      <button type="button" className="button ghost" onClick={onReset} disabled={!dirty || saving}>
        {t('policy.reset')}
      </button>
      <button type="submit" className="button primary" disabled={!canEdit || saving}>
        {saving ? t('policy.saving') : t('policy.save')}
      </button>
    </div>
  );
}
