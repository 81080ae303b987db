// A text input that suggests users as you type: the ARIA combobox pattern with a listbox popup.
// Arrow keys move through the suggestions, Enter chooses one, Escape closes the list (or clears the input).

const DELAY_MS = 200;

/**
 * input: the role=combobox element; listbox: its role=listbox popup; hint: a polite live element under it.
 * suggest(text, signal) resolves with [{ id, label, detail, value }] or rejects; its rejection's message is
 * shown in the hint. onChoose(option) runs when one is chosen.
 */
export function combobox({ input, listbox, hint, suggest, onChoose, idleHint }) {
  let options = [];
  let active = -1;
  let timer = 0;
  let inFlight = null;

  const isOpen = () => !listbox.hidden;

  function open() {
    if (!options.length) return;
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  }

  function setActive(index) {
    active = index;
    [...listbox.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index < 0) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    const li = listbox.children[index];
    input.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  }

  function render() {
    listbox.replaceChildren(...options.map((option, i) => {
      const li = document.createElement('li');
      li.id = `${listbox.id}-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      const label = document.createElement('span');
      label.className = 'option-label';
      label.textContent = option.label;
      const detail = document.createElement('span');
      detail.className = 'option-detail';
      detail.textContent = option.detail;
      li.append(label, detail);
      // mousedown, not click: the input keeps the focus.
      li.addEventListener('mousedown', (event) => {
        event.preventDefault();
        choose(i);
      });
      return li;
    }));
  }

  function choose(index) {
    const option = options[index];
    if (!option) return;
    input.value = option.value;
    close();
    hint.textContent = `${option.label} chosen.`;
    onChoose(option);
  }

  async function lookUp() {
    const text = input.value.trim();
    inFlight?.abort();
    if (!text) {
      options = [];
      render();
      close();
      hint.textContent = idleHint;
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    input.setAttribute('aria-busy', 'true');
    hint.textContent = 'Looking for users…';
    try {
      options = await suggest(text, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return;
      options = [];
      render();
      close();
      hint.textContent = error.message;
      return;
    } finally {
      if (inFlight === controller) input.removeAttribute('aria-busy');
    }
    if (controller.signal.aborted || document.activeElement !== input) return;
    render();
    if (options.length) {
      open();
      hint.textContent = `${options.length} ${options.length === 1 ? 'user matches' : 'users match'}; `
          + 'use the up and down arrows to choose, then Enter.';
    } else {
      close();
      hint.textContent = `No user matches “${text}”.`;
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(lookUp, DELAY_MS);
  });

  input.addEventListener('keydown', (event) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!isOpen()) open();
        if (options.length) setActive((active + 1) % options.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!isOpen()) open();
        if (options.length) setActive(active <= 0 ? options.length - 1 : active - 1);
        break;
      case 'Enter':
        if (isOpen() && active >= 0) {
          event.preventDefault(); // choosing is not submitting
          choose(active);
        }
        break;
      case 'Escape':
        if (isOpen()) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = '';
          hint.textContent = idleHint;
        }
        break;
      case 'Tab':
        close();
        break;
    }
  });

  input.addEventListener('blur', close);

  return {
    /** Empties the input and forgets the suggestions. */
    reset() {
      clearTimeout(timer);
      inFlight?.abort();
      input.value = '';
      options = [];
      render();
      close();
      hint.textContent = idleHint;
    },
  };
}
