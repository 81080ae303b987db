// The Agents and Managers pages: one page, shown for either type of staff.

import { call, inPlainWords } from './api.js';
import { combobox } from './combobox.js';
import { element, hidden, isWorking, working } from './ui.js';

const $ = (id) => document.getElementById(id);

const COLUMNS = {
  name: { label: 'Name', sort: 'name' },
  username: { label: 'Username', sort: 'username' },
  email: { label: 'Email', sort: 'emails.address' },
  availability: { label: 'Availability', sort: 'statusLivechat' },
  presence: { label: 'Presence', sort: 'status' },
  actions: { label: 'Actions' },
};

const TYPES = {
  agent: {
    path: 'agent', role: 'livechat-agent', title: 'Agents', noun: 'agent', nouns: 'agents', withArticle: 'an agent',
    columns: ['name', 'username', 'email', 'availability', 'presence', 'actions'],
  },
  manager: {
    path: 'manager', role: 'livechat-manager', title: 'Managers', noun: 'manager', nouns: 'managers',
    withArticle: 'a manager', columns: ['name', 'username', 'email', 'actions'],
  },
};

const SEARCH_DELAY_MS = 250;
const IDLE_HINT = 'Type part of a name, username or email, then choose a user.';

function enable(button, yes) {
  if (yes) button.removeAttribute('aria-disabled');
  else button.setAttribute('aria-disabled', 'true');
}

/** Asks in a modal dialog; resolves true when the person confirms. */
function confirmInDialog({ title, text, confirmLabel }) {
  const dialog = $('confirm-dialog');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = confirmLabel;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
  });
}

export function createStaffPage() {
  const view = $('staff-view');
  const title = $('staff-title');
  const statusLine = $('staff-status');
  const errorLine = $('staff-error');
  const notice = $('staff-notice');
  const content = $('staff-content');
  const head = $('staff-head');
  const rows = $('staff-rows');
  const tableWrap = $('table-wrap');
  const loading = $('table-loading');
  const summary = $('table-summary');
  const search = $('search');
  const onlyAvailable = $('only-available');
  const pageSize = $('page-size');
  const previous = $('page-previous');
  const next = $('page-next');
  const addForm = $('add-form');
  const addInput = $('add-user');
  const addButton = $('add-button');

  let type = TYPES.agent;
  let state = null;
  let listing = null; // the AbortController of the list request in flight
  let searchTimer = 0;

  function say(text) {
    errorLine.textContent = '';
    statusLine.textContent = text;
  }

  function complain(text) {
    statusLine.textContent = '';
    errorLine.textContent = text;
  }

  /** Shows what a refused call means; nothing when the session expired, since sign-in says that. */
  function complainAbout(error, context) {
    if (error.sessionExpired) return;
    complain(inPlainWords(error, context));
  }

  // --- the table --------------------------------------------------------------------------------------------

  function renderHead() {
    head.replaceChildren(...type.columns.map((key) => {
      const column = COLUMNS[key];
      const th = element('th', { attrs: { scope: 'col' } });
      th.dataset.column = key;
      if (!column.sort) {
        th.append(hidden(column.label));
        return th;
      }
      const button = element('button', { className: 'sort', attrs: { type: 'button' } },
          column.label, element('span', { className: 'sort-arrow', attrs: { 'aria-hidden': 'true' } }));
      button.addEventListener('click', () => {
        state.sort = state.sort.field === column.sort
            ? { field: column.sort, direction: -state.sort.direction }
            : { field: column.sort, direction: 1 };
        state.offset = 0;
        showSort();
        load();
      });
      th.append(button);
      return th;
    }));
    showSort();
  }

  function showSort() {
    for (const th of head.children) {
      const column = COLUMNS[th.dataset.column];
      const arrow = th.querySelector('.sort-arrow');
      if (column.sort && column.sort === state.sort.field) {
        const ascending = state.sort.direction === 1;
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        arrow.textContent = ascending ? '▲' : '▼';
      } else {
        th.removeAttribute('aria-sort');
        if (arrow) arrow.textContent = '';
      }
    }
  }

  function cell(key, ...content) {
    return element('td', { attrs: { 'data-label': COLUMNS[key].label } }, ...content);
  }

  function availabilitySwitch(user, row) {
    const input = element('input', { attrs: { type: 'checkbox', role: 'switch' } });
    input.checked = user.statusLivechat === 'available';
    const label = element('label', { className: 'switch' }, input,
        element('span', { className: 'switch-track', attrs: { 'aria-hidden': 'true' } }),
        element('span', { className: 'switch-text', text: 'Available' }), hidden(` (${user.username})`));

    // While Roster has not answered, the switch shows what is true, not what was asked for.
    input.addEventListener('click', (event) => {
      if (isWorking(input)) event.preventDefault();
    });
    input.addEventListener('change', async () => {
      const wanted = input.checked ? 'available' : 'not-available';
      input.checked = !input.checked;
      input.setAttribute('aria-disabled', 'true');
      row.setAttribute('aria-busy', 'true');
      label.classList.add('is-working');
      say(`Making ${user.username} ${wanted === 'available' ? 'available' : 'not available'}…`);
      try {
        const reply = await call('POST', 'livechat/agent.status', { body: { agentId: user._id, status: wanted } });
        user.statusLivechat = reply.status;
        input.checked = reply.status === 'available';
        say(`${user.username} is now ${reply.status === 'available' ? 'available' : 'not available'}.`);
      } catch (error) {
        complainAbout(error, { action: 'change the availability of agents', username: user.username });
      } finally {
        input.removeAttribute('aria-disabled');
        row.removeAttribute('aria-busy');
        label.classList.remove('is-working');
      }
    });
    return label;
  }

  function removeButton(user) {
    const button = element('button', { className: 'button-danger-quiet', attrs: { type: 'button' } },
        'Remove', hidden(` ${user.username}`));
    button.addEventListener('click', async () => {
      if (isWorking(button)) return;
      const confirmed = await confirmInDialog({
        title: `Remove this ${type.noun}?`,
        text: `${user.name || user.username} (${user.username}) will no longer be ${type.withArticle}. `
            + 'The user account itself stays.',
        confirmLabel: `Remove ${type.noun}`,
      });
      if (!confirmed) return;
      const done = working(button, 'Removing…');
      say(`Removing ${user.username}…`);
      try {
        await call('DELETE', `livechat/users/${type.path}/${encodeURIComponent(user._id)}`);
        say(`${user.username} is no longer ${type.withArticle}.`);
        title.focus(); // its row is about to go
        load({ keepMessage: true });
      } catch (error) {
        complainAbout(error, { action: `remove ${type.nouns}`, username: user.username });
      } finally {
        done();
      }
    });
    return button;
  }

  /** Which control of which row has the focus, so that a re-render can give it back. */
  function focusInRows() {
    const focused = document.activeElement;
    if (!rows.contains(focused)) return null;
    const control = focused.matches('[role=switch]') ? '[role=switch]' : 'button';
    return { id: focused.closest('tr')?.dataset.id, control };
  }

  function restoreFocus(where) {
    if (!where) return;
    const row = [...rows.children].find((tr) => tr.dataset.id === where.id);
    (row?.querySelector(where.control) ?? title).focus();
  }

  function renderRows(users) {
    const focused = focusInRows();
    renderRowsOf(users);
    restoreFocus(focused);
  }

  function renderRowsOf(users) {
    if (!users.length) {
      const text = state.text ? `No ${type.nouns} match “${state.text}”.`
          : state.onlyAvailable ? `No ${type.noun} is available.` : `No ${type.nouns} yet. Add one above.`;
      rows.replaceChildren(element('tr', { className: 'empty' },
          element('td', { text, attrs: { colspan: String(type.columns.length) } })));
      return;
    }
    rows.replaceChildren(...users.map((user) => {
      const row = element('tr');
      row.dataset.id = user._id;
      for (const key of type.columns) {
        switch (key) {
          case 'name': row.append(cell(key, user.name || '—')); break;
          case 'username': row.append(cell(key, user.username)); break;
          case 'email': row.append(cell(key, user.emails?.[0]?.address ?? '—')); break;
          case 'availability': row.append(cell(key, availabilitySwitch(user, row))); break;
          case 'presence': {
            const status = user.status || 'offline';
            row.append(cell(key, element('span', { className: `presence presence-${status}`, text: status })));
            break;
          }
          case 'actions': row.append(cell(key, removeButton(user))); break;
        }
      }
      return row;
    }));
  }

  function renderSummary(total, shown) {
    if (!total) summary.textContent = `0 ${type.nouns}`;
    else {
      const first = state.offset + 1;
      const last = state.offset + shown;
      summary.textContent = `${first}–${last} of ${total} ${total === 1 ? type.noun : type.nouns}`;
    }
    enable(previous, state.offset > 0);
    enable(next, state.offset + shown < total);
  }

  function setLoading(on) {
    tableWrap.setAttribute('aria-busy', String(on));
    loading.hidden = !on;
    loading.textContent = `Loading ${type.nouns}…`;
  }

  function showNotice(text) {
    notice.hidden = !text;
    content.hidden = Boolean(text);
    $('staff-notice-text').textContent = text ?? '';
  }

  async function load({ keepMessage = false } = {}) {
    listing?.abort();
    const controller = new AbortController();
    listing = controller;
    if (!keepMessage) errorLine.textContent = '';
    setLoading(true);
    try {
      const reply = await call('GET', `livechat/users/${type.path}`, {
        signal: controller.signal,
        query: {
          text: state.text,
          offset: state.offset,
          count: state.count,
          sort: JSON.stringify({ [state.sort.field]: state.sort.direction }),
          onlyAvailable: type === TYPES.agent && state.onlyAvailable ? 'true' : undefined,
        },
      });
      if (reply.total > 0 && state.offset >= reply.total) {
        // The last page emptied (its last row was removed): show the page before it.
        state.offset = Math.max(0, Math.floor((reply.total - 1) / state.count) * state.count);
        listing = null;
        return load({ keepMessage });
      }
      showNotice(null);
      renderRows(reply.users);
      renderSummary(reply.total, reply.users.length);
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error.status === 403) showNotice(`You do not have permission to manage ${type.nouns}.`);
      else complainAbout(error, { action: `see the ${type.nouns}` });
    } finally {
      if (listing === controller) {
        listing = null;
        setLoading(false);
      }
    }
  }

  // --- the controls -------------------------------------------------------------------------------------------

  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.text = search.value.trim();
      state.offset = 0;
      load();
    }, SEARCH_DELAY_MS);
  });

  onlyAvailable.addEventListener('change', () => {
    state.onlyAvailable = onlyAvailable.checked;
    state.offset = 0;
    load();
  });

  pageSize.addEventListener('change', () => {
    state.count = Number(pageSize.value);
    state.offset = 0;
    load();
  });

  previous.addEventListener('click', () => {
    if (isWorking(previous)) return;
    state.offset = Math.max(0, state.offset - state.count);
    load();
  });

  next.addEventListener('click', () => {
    if (isWorking(next)) return;
    state.offset += state.count;
    load();
  });

  const picker = combobox({
    input: addInput,
    listbox: $('add-suggestions'),
    hint: $('add-hint'),
    idleHint: IDLE_HINT,
    onChoose: () => {},
    async suggest(text, signal) {
      try {
        const reply = await call('GET', 'users.list', {
          signal,
          query: { text, count: 8, sort: JSON.stringify({ username: 1 }) },
        });
        return reply.users.map((user) => ({
          label: user.name || user.username,
          value: user.username,
          detail: [user.username, user.emails?.[0]?.address,
            user.roles?.includes(type.role) ? `already ${type.withArticle}` : null,
            user.active === false ? 'deactivated' : null].filter(Boolean).join(' · '),
        }));
      } catch (error) {
        if (error.name === 'AbortError') throw error;
        if (error.status === 403) throw new Error('You may not look users up; type the exact username instead.');
        throw new Error(inPlainWords(error, { action: 'look users up' }));
      }
    },
  });

  addForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isWorking(addButton)) return;
    const username = addInput.value.trim();
    if (!username) {
      complain(`Type a username, or choose a user from the suggestions, to add ${type.withArticle}.`);
      addInput.focus();
      return;
    }
    const done = working(addButton, 'Adding…');
    say(`Adding ${username}…`);
    try {
      const reply = await call('POST', `livechat/users/${type.path}`, { body: { username } });
      picker.reset();
      say(`${reply.user.username} is now ${type.withArticle}.`);
      await load({ keepMessage: true });
    } catch (error) {
      complainAbout(error, { action: `add ${type.nouns}`, username });
    } finally {
      done();
    }
  });

  return {
    /** Shows the page for 'agent' or 'manager', from a fresh start. */
    show(typeName, { focus = true } = {}) {
      type = TYPES[typeName];
      state = { text: '', offset: 0, count: Number(pageSize.value), sort: { field: 'name', direction: 1 },
        onlyAvailable: false };
      clearTimeout(searchTimer);
      search.value = '';
      onlyAvailable.checked = false;
      title.textContent = type.title;
      document.title = `${type.title} · Roster`;
      $('add-label').textContent = `Add ${type.withArticle}`;
      $('search-label').textContent = `Search ${type.nouns}`;
      $('only-available-field').hidden = type !== TYPES.agent;
      view.dataset.type = type.path;
      statusLine.textContent = '';
      errorLine.textContent = '';
      picker.reset();
      renderHead();
      rows.replaceChildren();
      summary.textContent = '';
      showNotice(null);
      view.hidden = false;
      if (focus) title.focus();
      load();
    },

    hide() {
      listing?.abort();
      clearTimeout(searchTimer);
      view.hidden = true;
      const dialog = $('confirm-dialog');
      if (dialog.open) dialog.close();
    },
  };
}
