import type { ReactNode, RefObject } from 'react';
import { useEffect, useId, useRef } from 'react';

interface DialogProps {
  readonly title: string;
  readonly description?: ReactNode;
  /** Escape, the close button and the caller's own buttons all end here. */
  readonly onClose: () => void;
  /** Focused on open (e.g. the role filter); else the browser focuses the first control. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  readonly children: ReactNode;
  /** The dialog keeps one height while its content changes (errors come and go, a filter narrows a list): it scrolls inside. */
  readonly fixedHeight?: boolean;
}

/** A modal on the native <dialog>: focus stays inside, Escape closes, the page behind is inert. */
export function Dialog({ title, description, onClose, initialFocus, children, fixedHeight = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (!dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
    return () => dialog.close();
  }, [initialFocus]);
  return (
    <dialog
      ref={ref}
      className={fixedHeight ? 'fixed-height' : undefined}
      aria-labelledby={titleId}
      aria-describedby={description === undefined ? undefined : descriptionId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-body">
        <div className="dialog-header">
          <div>
            <h2 id={titleId}>{title}</h2>
            {description === undefined ? null : (
              <p id={descriptionId} className="muted small">
                {description}
              </p>
            )}
          </div>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        {children}
      </div>
    </dialog>
  );
}
