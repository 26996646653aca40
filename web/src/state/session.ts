// Who is logged in. `undefined` while /auth/me is in flight, `null` when logged out.
import { computed, signal } from '@preact/signals';
import { api, setCsrfToken, setUnauthenticatedHandler, type Role, type User } from '../api/client';

export const currentUser = signal<User | null | undefined>(undefined);
/** Set when a session ended on its own, so the login page can say why. */
export const sessionExpired = signal(false);

export const roles = computed<ReadonlySet<Role>>(() => new Set(currentUser.value?.roles ?? []));

export function signedIn(user: User, csrf: string): void {
  setCsrfToken(csrf);
  sessionExpired.value = false;
  currentUser.value = user;
}

function signedOut(expired: boolean): void {
  setCsrfToken(null);
  sessionExpired.value = expired;
  currentUser.value = null;
}

setUnauthenticatedHandler(() => {
  if (currentUser.value) signedOut(true);
});

/** Asks the server who we are; a 401 (or an unreachable server) shows the login page. */
export async function loadSession(): Promise<void> {
  try {
    const { data } = await api.GET('/api/v1/auth/me');
    if (data) signedIn(data.user, data.csrf_token);
    else signedOut(false);
  } catch {
    signedOut(false);
  }
}

/** An account was changed (by a program manager): if it is ours, the header and navigation follow. */
export function userChanged(user: User): void {
  if (currentUser.value?.id === user.id) currentUser.value = user;
}

export async function logout(): Promise<void> {
  try {
    await api.POST('/api/v1/auth/logout');
  } finally {
    // Whatever the server said, this tab forgets the session.
    signedOut(false);
  }
}
