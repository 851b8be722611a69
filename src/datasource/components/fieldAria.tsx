import React, { useLayoutEffect, useRef } from 'react';

/**
 * Ties each field's error to its control for assistive technology: @grafana/ui's Field shows the message (a
 * role="alert" element) under the control but neither marks the control invalid nor points it at the message. For
 * every message inside `children`, the controls of the same Field (inputs, comboboxes, radio groups) get
 * aria-invalid="true" and the message's id in aria-describedby; when the message goes, so do both. Runs after each
 * render and when the DOM under it changes (menus, lazily loaded options).
 */
export function FieldAria({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) {
      return;
    }
    linkFieldErrors(root);
    // childList only: the attributes set here do not wake the observer again
    const observer = new MutationObserver(() => linkFieldErrors(root));
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  });
  return (
    <div ref={ref} style={{ display: 'contents' }}>
      {children}
    </div>
  );
}

const OWN = 'data-switchboard-error-id';
const CONTROLS = 'input:not([type="hidden"]), textarea, [role="radiogroup"], [role="combobox"]';
let nextId = 0;

export function linkFieldErrors(root: HTMLElement): void {
  // undo the last pass
  root.querySelectorAll<HTMLElement>(`[${OWN}]`).forEach((el) => {
    const id = el.getAttribute(OWN)!;
    const rest = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== id);
    if (rest.length) {
      el.setAttribute('aria-describedby', rest.join(' '));
    } else {
      el.removeAttribute('aria-describedby');
    }
    el.removeAttribute('aria-invalid');
    el.removeAttribute(OWN);
  });
  root.querySelectorAll<HTMLElement>('[role="alert"]').forEach((message) => {
    // Field: <div> label, <div> <div>{control}</div> <div>{message}</div> </div> </div>
    const field = message.parentElement?.parentElement;
    const holder = field?.firstElementChild;
    if (!field || !holder || holder.contains(message)) {
      return;
    }
    if (!message.id) {
      message.id = `switchboard-field-error-${++nextId}`;
    }
    holder.querySelectorAll<HTMLElement>(CONTROLS).forEach((control) => {
      if (control.closest('[role="radiogroup"]') && control.getAttribute('role') !== 'radiogroup') {
        return; // the group carries it, not each radio
      }
      const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      control.setAttribute('aria-describedby', [...ids, message.id].join(' '));
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute(OWN, message.id);
    });
  });
}
