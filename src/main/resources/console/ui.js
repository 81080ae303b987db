// Small DOM helpers shared by the console's pages.

/** A new element: element('p', { className, text, attrs }, ...children). */
export function element(tag, { className, text, attrs } = {}, ...children) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  for (const [key, value] of Object.entries(attrs ?? {})) el.setAttribute(key, value);
  el.append(...children);
  return el;
}

/** Text that only screen readers see, to tell apart the many "Remove" buttons and switches. */
export function hidden(text) {
  return element('span', { className: 'visually-hidden', text });
}

/**
 * A button shows it is working: its text changes and it refuses clicks, without being disabled, so that it keeps
 * the keyboard focus. Returns what puts it back.
 */
export function working(button, text) {
  const before = [...button.childNodes];
  button.setAttribute('aria-disabled', 'true');
  button.setAttribute('aria-busy', 'true');
  button.classList.add('is-working');
  button.replaceChildren(text);
  return () => {
    button.removeAttribute('aria-disabled');
    button.removeAttribute('aria-busy');
    button.classList.remove('is-working');
    button.replaceChildren(...before);
  };
}

/** Whether a control refuses clicks just now (working, or nothing to do). */
export const isWorking = (el) => el.getAttribute('aria-disabled') === 'true';
