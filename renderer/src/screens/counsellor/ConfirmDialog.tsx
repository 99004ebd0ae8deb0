/**
 * A confirmation before something that cannot be undone (discarding an application, deleting a
 * draft): an alertdialog over the screen that says what will be lost, with the safe choice
 * (취소) focused first; Tab stays inside it, Esc cancels, and the focus goes back where it was.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface Props {
  title: string;
  /** what will be lost, in words */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** resolves when done (the dialog closes itself through the caller) */
  onConfirm: () => Promise<void> | void;
  onCancel: () => void;
  /** for tests and styles */
  name: string;
}

export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, onConfirm, onCancel, name }: Props) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const cancelRef = useRef(onCancel);
  cancelRef.current = onCancel;
  const busyRef = useRef(busy);
  busyRef.current = busy;

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        if (!busyRef.current) cancelRef.current();
        return;
      }
      if (e.key !== 'Tab' || !box.current) return;
      // Tab and Shift+Tab go round the dialog's own buttons
      const focusable = [...box.current.querySelectorAll<HTMLElement>('button:not([disabled])')];
      if (focusable.length === 0) return;
      const first = focusable[0]!;
      const last = focusable[focusable.length - 1]!;
      const at = document.activeElement;
      if (e.shiftKey && (at === first || !box.current.contains(at))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (at === last || !box.current.contains(at))) {
        e.preventDefault();
        first.focus();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      // back to the button that opened it (when it is still there), else the screen's heading
      const target = before && document.contains(before) ? before : document.querySelector<HTMLElement>('main h1');
      target?.focus({ preventScroll: true });
    };
  }, []);

  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="overlay">
      <div ref={box} className="dialog confirm" role="alertdialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} data-confirm={name}>
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`} className="confirm-body">
          {children}
        </div>
        <div className="confirm-actions">
          <button ref={cancel} type="button" className="big-button secondary" onClick={onCancel} disabled={busy} data-confirm-action="cancel">
            {cancelLabel}
          </button>
          <button type="button" className="big-button danger" onClick={() => void confirm()} disabled={busy} data-confirm-action="confirm">
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
