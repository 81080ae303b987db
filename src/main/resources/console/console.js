// Roster's admin console: sign-in, sign-out and the choice of page. It uses only the public REST API.

import { call, session, whenSessionExpires, SESSION_EXPIRED, inPlainWords, signInInPlainWords } from './api.js';
import { createStaffPage } from './staff.js';
import { isWorking, working } from './ui.js';

const $ = (id) => document.getElementById(id);

const signInView = $('sign-in-view');
const signInForm = $('sign-in-form');
const signInUser = $('sign-in-user');
const signInPassword = $('sign-in-password');
const signInButton = $('sign-in-button');
const signInStatus = $('sign-in-status');
const signInError = $('sign-in-error');
const nav = $('nav');
const account = $('account');
const signOutButton = $('sign-out');

const staffPage = createStaffPage();
const PAGES = { '#agents': 'agent', '#managers': 'manager' };

function showSignIn(message = '', { isError = false } = {}) {
  staffPage.hide();
  nav.hidden = true;
  account.hidden = true;
  signInView.hidden = false;
  document.title = 'Sign in · Roster';
  signInStatus.textContent = isError ? '' : message;
  signInError.textContent = isError ? message : '';
  signInPassword.value = '';
  signInUser.focus();
}

function showPage({ focus = true } = {}) {
  const current = session.get();
  if (!current) {
    showSignIn();
    return;
  }
  const page = PAGES[location.hash];
  if (!page) {
    location.replace('#agents'); // the hashchange that follows shows it
    return;
  }
  signInView.hidden = true;
  nav.hidden = false;
  account.hidden = false;
  $('signed-in-as').textContent = `Signed in as ${current.username}`;
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === location.hash) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  staffPage.show(page, { focus });
}

signInForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (isWorking(signInButton)) return;
  const user = signInUser.value.trim();
  const password = signInPassword.value;
  signInStatus.textContent = '';
  if (!user || !password) {
    signInError.textContent = user ? 'Type your password.' : 'Type your username or email.';
    (user ? signInPassword : signInUser).focus();
    return;
  }
  signInError.textContent = '';
  const done = working(signInButton, 'Signing in…');
  signInForm.setAttribute('aria-busy', 'true');
  try {
    const reply = await call('POST', 'login', { body: { user, password } });
    session.set({
      userId: reply.data.userId,
      authToken: reply.data.authToken,
      username: reply.data.me?.username ?? user,
    });
    signInPassword.value = '';
    if (PAGES[location.hash]) showPage();
    else location.hash = '#agents';
  } catch (error) {
    signInError.textContent = signInInPlainWords(error);
    signInPassword.select();
    signInPassword.focus();
  } finally {
    done();
    signInForm.removeAttribute('aria-busy');
  }
});

signOutButton.addEventListener('click', async () => {
  if (isWorking(signOutButton)) return;
  const done = working(signOutButton, 'Signing out…');
  try {
    await call('POST', 'logout');
  } catch (error) {
    if (!error.sessionExpired) {
      // The token would stay valid: say so rather than pretend.
      $('staff-status').textContent = '';
      $('staff-error').textContent = `You are still signed in: ${inPlainWords(error, { action: 'sign out' })}`;
      done();
      return;
    }
  }
  done();
  session.clear();
  showSignIn('You are signed out.');
});

whenSessionExpires(() => showSignIn(SESSION_EXPIRED, { isError: true }));
window.addEventListener('hashchange', () => showPage());
showPage({ focus: false });
