import { useTranslation } from 'react-i18next';
import { currentLanguage, switchLanguage, uiLanguageLabels, uiLanguages, type UiLanguage } from '../i18n/i18n.ts';

/** English / 简体中文, remembered in this browser. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const value = currentLanguage();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('app.language')}</span>
      <select value={value} onChange={(event) => void switchLanguage(event.target.value as UiLanguage)} aria-label={t('app.language')}>
        {uiLanguages.map((language) => (
          <option key={language} value={language}>
            {uiLanguageLabels[language]}
          </option>
        ))}
      </select>
    </label>
  );
}
