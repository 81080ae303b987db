// The console's only way to Roster: the public REST API v1, called exactly as any other client calls it,
// and what its error bodies mean in plain words.

const SESSION_KEY = 'roster.session';

/** A refused or failed call. status 0 means Roster could not be reached at all. */
export class ApiError extends Error {
  constructor(status, body) {
    super(typeof body?.error === 'string' ? body.error : `HTTP ${status}`);
    this.status = status;
    this.body = body ?? {};
    /** Set when a signed-in call got 401: the console has already gone back to sign-in. */
    this.sessionExpired = false;
  }

  get code() {
    return this.body.errorType ?? this.body.error;
  }
}

/** The signed-in user's id and token, kept for this browser tab only. */
export const session = {
  get() {
    try {
      const s = JSON.parse(sessionStorage.getItem(SESSION_KEY));
      return s && s.userId && s.authToken ? s : null;
    } catch {
      return null;
    }
  },
  set(value) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
  },
  clear() {
    sessionStorage.removeItem(SESSION_KEY);
  },
};

let onSessionExpired = () => {};

/** Called once, by the console, with what to do when a signed-in call answers 401. */
export function whenSessionExpires(handler) {
  onSessionExpired = handler;
}

/**
 * Calls /api/v1/<path>. Resolves with the JSON body on success; rejects with an ApiError otherwise, or with the
 * fetch's AbortError when `signal` aborts it.
 */
export async function call(method, path, { query, body, signal } = {}) {
  const url = new URL(`/api/v1/${path}`, location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  const headers = { Accept: 'application/json' };
  const current = session.get();
  if (current) {
    headers['X-User-Id'] = current.userId;
    headers['X-Auth-Token'] = current.authToken;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      cache: 'no-store',
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, null);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    // not JSON (a proxy's error page, say): the status alone tells what happened
  }
  if (response.ok && data && data.success !== false) return data;

  const error = new ApiError(response.status, data);
  if (response.status === 401 && current && path !== 'login') {
    error.sessionExpired = true;
    session.clear();
    onSessionExpired();
  }
  throw error;
}

export const SESSION_EXPIRED = 'Your session has expired, please sign in again.';

/** How long a 429 says to wait, in seconds, or null when it does not say. */
function secondsToWait(error) {
  const match = /wait (\d+) seconds?/i.exec(error.body.error ?? '');
  return match ? Number(match[1]) : null;
}

function tooManyRequests(error) {
  const seconds = secondsToWait(error);
  if (seconds === null) return 'Too many requests; wait a moment and try again.';
  return `Too many requests; wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'} and try again.`;
}

function unreachableOrBroken(error) {
  if (error.status === 0) return 'Roster could not be reached. Check your connection and try again.';
  return 'Something went wrong in Roster; try again.';
}

/**
 * What a refused call means, in words for the person at the screen. `action` completes "You do not have
 * permission to …"; `username` names the user the call was about.
 */
export function inPlainWords(error, { action = 'do this', username } = {}) {
  if (!(error instanceof ApiError)) return 'Something went wrong in the console; reload the page and try again.';
  if (error.status === 0 || error.status >= 500) return unreachableOrBroken(error);
  if (error.status === 401) return SESSION_EXPIRED;
  if (error.status === 403) return `You do not have permission to ${action}.`;
  if (error.status === 429) return tooManyRequests(error);
  if (error.status === 413) return 'That request was too large for Roster.';
  switch (error.code) {
    case 'error-invalid-user':
      return username ? `There is no user named ${username}.` : 'That user no longer exists.';
    case 'error-user-deactivated':
      return `${username ?? 'That user'} is deactivated; activate the account first.`;
    case 'Agent not found':
      return `${username ?? 'That user'} is no longer an agent.`;
    default: {
      // A refusal the console has no words of its own for: Roster's message, without its bracketed code.
      const text = typeof error.body.error === 'string' ? error.body.error.replace(/\s*\[[^\]]*\]\s*$/, '') : '';
      return text ? `Roster refused this: ${text}.` : 'Something went wrong; try again.';
    }
  }
}

/** What a refused sign-in means. */
export function signInInPlainWords(error) {
  if (!(error instanceof ApiError)) return inPlainWords(error);
  if (error.status === 0 || error.status >= 500) return unreachableOrBroken(error);
  if (error.status === 429) return tooManyRequests(error);
  switch (error.body.error) {
    case 'error-login-blocked-for-user':
    case 'error-login-blocked-for-ip':
      return 'Too many failed sign-ins; try again in a few minutes.';
    case 'error-user-is-not-activated':
      return 'This account is deactivated; ask an administrator to activate it.';
    default:
      return error.status === 401 ? 'Wrong username or password.' : inPlainWords(error, { action: 'sign in' });
  }
}
