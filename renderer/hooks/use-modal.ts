// Makes an open dialog truly modal: the app's content behind it is `inert` (screen readers and Tab
// cannot leave the dialog), Tab cycles inside it, Escape closes it, and on close focus goes back to
// the control that opened it. It never touches focus or inert while no dialog is open.
import { createContext, useContext, useEffect, useRef, type RefObject } from 'react';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Where dialogs render (outside the content) and the content they make inert; App provides both. */
export interface ModalLayer {
  host: HTMLElement | null;
  content: HTMLElement | null;
}

export const ModalLayerContext = createContext<ModalLayer>({ host: null, content: null });

export function useModalLayer(): ModalLayer {
  return useContext(ModalLayerContext);
}

interface ModalOptions {
  onEscape(): void;
  /**
   * The control that opened the dialog. Needed because a busy button is disabled while its call runs,
   * and a browser drops focus from a disabled button, so "whatever had focus" may be the page itself.
   */
  returnFocusTo?: RefObject<HTMLElement | null>;
}

export function useModal(dialog: RefObject<HTMLElement | null>, { onEscape, returnFocusTo }: ModalOptions): void {
  const { content } = useModalLayer();
  const escapeRef = useRef(onEscape);
  useEffect(() => {
    escapeRef.current = onEscape;
  });

  useEffect(() => {
    const root = dialog.current;
    if (!root) return;
    const opener = returnFocusTo?.current ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
    // Set directly: React never renders this attribute, so it cannot fight over it.
    content?.setAttribute('inert', '');
    const focusables = (): HTMLElement[] => Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE));
    focusables()[0]?.focus();

    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault();
        escapeRef.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const items = focusables();
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !root.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !root.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      // Inert first: an inert element cannot take focus.
      content?.removeAttribute('inert');
      opener?.focus();
    };
  }, [dialog, content, returnFocusTo]);
}
