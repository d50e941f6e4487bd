import type { KeyboardEvent } from 'react';
import { useEffect, useId, useRef, useState } from 'react';

export interface MenuItem {
  readonly label: string;
  readonly onSelect: () => void;
  readonly danger?: boolean;
  readonly disabled?: boolean;
}

interface MenuButtonProps {
  /** The button's accessible name ("More actions for Demo Corp"); it shows "…". */
  readonly label: string;
  readonly items: readonly MenuItem[];
}

/**
 * A "…" button with a menu (the ARIA menu button pattern): Enter, Space or ↓ opens it on the first item, ↑ on the last;
 * ↑/↓/Home/End move, Enter picks, Escape or Tab closes and focus returns to the button.
 */
export function MenuButton({ label, items }: MenuButtonProps) {
  const [open, setOpen] = useState<'first' | 'last' | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();
  const enabled = (): HTMLElement[] => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [])];
  useEffect(() => {
    if (open === null) return;
    const list = enabled();
    (open === 'first' ? list[0] : list.at(-1))?.focus();
    const closeOutside = (event: PointerEvent): void => {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(null);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);
  const close = (): void => {
    setOpen(null);
    button.current?.focus();
  };
  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };
  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const list = enabled();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const moves: Readonly<Record<string, number>> = { ArrowDown: (at + 1) % list.length, ArrowUp: (at - 1 + list.length) % list.length, Home: 0, End: list.length - 1 };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      list[target]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      setOpen(null);
    }
  };
  return (
    <div className="menu-anchor">
      <button
        ref={button}
        type="button"
        className="button icon-only"
        aria-label={label}
        title={`${label} (↓ opens the menu)`}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open === null ? undefined : id}
        onClick={() => setOpen(open === null ? 'first' : null)}
        onKeyDown={onButtonKey}
      >
        <span aria-hidden="true">…</span>
      </button>
      {open === null ? null : (
        <div ref={menu} id={id} role="menu" aria-label={label} className="menu" onKeyDown={onMenuKey}>
          {items.map((item) => (
            <div
              key={item.label}
              role="menuitem"
              tabIndex={-1}
              aria-disabled={item.disabled === true ? true : undefined}
              className={item.danger === true ? 'menu-item danger' : 'menu-item'}
              onClick={() => {
                if (item.disabled === true) return;
                close();
                item.onSelect();
              }}
              onKeyDown={(event) => {
                if ((event.key === 'Enter' || event.key === ' ') && item.disabled !== true) {
                  event.preventDefault();
                  close();
                  item.onSelect();
                }
              }}
            >
              {item.label}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
