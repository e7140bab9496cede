import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmRequest {
  title: string;
  message: ReactNode;
  confirmLabel: string;
}

/**
 * Asks before a destructive act (revoke, deactivate). A modal <dialog>: the browser traps focus,
 * Escape cancels, and focus returns to the button that opened it. The safe choice has the focus.
 *
 *   const [confirm, dialog] = useConfirm();
 *   if (await confirm({ title, message, confirmLabel })) { ... }
 *   return <>{...}{dialog}</>;
 */
export function useConfirm(): [(request: ConfirmRequest) => Promise<boolean>, ReactNode] {
  const [request, setRequest] = useState<(ConfirmRequest & { resolve: (ok: boolean) => void }) | undefined>();
  const confirm = useCallback((r: ConfirmRequest) => new Promise<boolean>((resolve) => setRequest({ ...r, resolve })), []);
  const close = useCallback(
    (ok: boolean) => {
      request?.resolve(ok);
      setRequest(undefined);
    },
    [request],
  );
  const dialog = request ? <ConfirmDialog {...request} onClose={close} /> : null;
  return [confirm, dialog];
}

function ConfirmDialog({ title, message, confirmLabel, onClose }: ConfirmRequest & { onClose: (ok: boolean) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const messageId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    dialog.showModal();
    cancelRef.current?.focus();
    return () => opener?.focus();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={(e) => {
        e.preventDefault();
        onClose(false);
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={messageId}>{message}</div>
      <div className="actions">
        <button ref={cancelRef} type="button" className="button" onClick={() => onClose(false)}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button--danger" onClick={() => onClose(true)}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
