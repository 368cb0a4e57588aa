import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { shortcutList } from './shortcuts.ts';

/** The keyboard shortcuts, in a modal dialog (Escape or the button closes it). */
export function HelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="help-title" onClose={onClose} onCancel={onClose}>
      <h2 id="help-title">{t('help.title')}</h2>
      <dl className="shortcut-list">
        {shortcutList.map((shortcut) => (
          <div key={shortcut.help} className="shortcut-row">
            <dt>
              {shortcut.keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{t(shortcut.help)}</dd>
          </div>
        ))}
      </dl>
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={onClose} autoFocus>
          {t('help.close')}
        </button>
      </div>
    </dialog>
  );
}
