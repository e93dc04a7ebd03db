// The Api client. The access token lives in this module's memory only; the refresh token is an HttpOnly cookie
// that the session endpoints set, so no script (ours or injected) can read it.
import type { Problem, Session, User } from './types';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string | undefined, message: string, readonly problem?: Problem) {
    super(message);
  }
}

let accessToken: string | null = null;
let expiresAt = 0;
let currentUser: User | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<() => void>();
// Not a secret: it only tells a new page load whether a session cookie is worth trying.
const hintKey = 'vp.session';

export const session = {
  get user(): User | null { return currentUser; },
  onChange(listener: () => void) { listeners.add(listener); },
};

function started(answer: Session | null): void {
  accessToken = answer?.accessToken ?? null;
  currentUser = answer?.user ?? null;
  expiresAt = answer ? Date.now() + answer.expiresIn * 1000 : 0;
  if (answer) localStorage.setItem(hintKey, '1');
  else localStorage.removeItem(hintKey);
  listeners.forEach((l) => l());
}

/** One refresh at a time: the cookie rotates, and presenting a rotated-away token revokes the whole session. */
export function refresh(): Promise<boolean> {
  refreshing ??= fetch('/api/auth/session/refresh', { method: 'POST', credentials: 'same-origin' })
    .then(async (r) => { started(r.ok ? (await r.json()) as Session : null); return r.ok; })
    .catch(() => false)
    .finally(() => { refreshing = null; });
  return refreshing;
}

export async function restoreSession(): Promise<void> {
  if (localStorage.getItem(hintKey)) await refresh();
}

export async function signIn(name: string, password: string): Promise<void> {
  const body = name.includes('@') ? { email: name, password } : { username: name, password };
  started(await request<Session>('/api/auth/session', { method: 'POST', body, auth: false }));
}

export async function signOut(): Promise<void> {
  await fetch('/api/auth/session', { method: 'DELETE', credentials: 'same-origin' }).catch(() => undefined);
  started(null);
}

/** A current access token (refreshed a little before it expires), or null when signed out. */
export async function token(): Promise<string | null> {
  if (accessToken && Date.now() > expiresAt - 30_000) await refresh();
  return accessToken;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** false: never send the token (sign-in); otherwise it is sent when there is one. */
  auth?: boolean;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const send = async () => {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const bearer = options.auth === false ? null : await token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    return fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  };
  let response = await send();
  if (response.status === 401 && options.auth !== false && accessToken) {
    // Expired or revoked while the page was open: one refresh, then the sign-in page (which comes back here).
    if (await refresh()) response = await send();
    else expired();
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = data as Problem | undefined;
    throw new ApiError(response.status, problem?.code, problem?.detail ?? problem?.title ?? `${response.status} ${response.statusText}`, problem);
  }
  return data as T;
}

/** The session ended under the page: sign in again and return to where the person was. */
export function expired(): void {
  started(null);
  const back = location.pathname + location.search;
  window.dispatchEvent(new CustomEvent('vp:navigate', { detail: `/login?expired=1&next=${encodeURIComponent(back)}` }));
}

/** The signed-in person, or null after sending everyone else to sign in (and back here afterwards). */
export function requireUser(): User | null {
  if (!currentUser) {
    const back = location.pathname + location.search;
    window.dispatchEvent(new CustomEvent('vp:navigate', { detail: `/login?next=${encodeURIComponent(back)}` }));
  }
  return currentUser;
}
