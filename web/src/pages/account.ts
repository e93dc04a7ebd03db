import { ApiError, request, signIn } from '../api';
import { h, status } from '../dom';
import { navigate } from '../router';

function field(label: string, name: string, type: string, autocomplete: string): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: name }, label), h('input', { id: name, name, type, autocomplete, required: true }));
}

/** Where to go after signing in: only a path of this site. */
function next(query: URLSearchParams): string {
  const target = query.get('next') ?? '/';
  return target.startsWith('/') && !target.startsWith('//') ? target : '/';
}

function form(title: string, fields: HTMLElement[], submit: string, onSubmit: (data: FormData) => Promise<void>, notice?: HTMLElement): HTMLFormElement {
  const message = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, submit);
  const element = h('form', { class: 'account', novalidate: false }, h('h1', {}, title), notice ?? null, ...fields, message, button);
  element.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    message.replaceChildren();
    try {
      await onSubmit(new FormData(element));
    } catch (error) {
      message.append(status(error instanceof Error ? error.message : String(error), 'error'));
    } finally {
      button.disabled = false;
    }
  });
  return element;
}

export function login(main: HTMLElement, _: string[], query: URLSearchParams): void {
  document.title = 'Sign in · VideoPlatform';
  const notice = query.get('expired') ? status('Your session expired. Sign in again to continue where you were.') : undefined;
  main.append(form('Sign in', [field('Username or email', 'name', 'text', 'username'), field('Password', 'password', 'password', 'current-password')], 'Sign in',
    async (data) => {
      try {
        await signIn(String(data.get('name')).trim(), String(data.get('password')));
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) throw new Error('That username or password is not right.');
        if (e instanceof ApiError && e.status === 429) throw new Error('Too many attempts. Wait a minute and try again.');
        throw e;
      }
      navigate(next(query), true);
    }, notice),
  h('p', {}, 'No account yet? ', h('a', { href: `/register${location.search}` }, 'Register')));
}

const registerErrors: Record<string, string> = {
  username_taken: 'That username is taken: choose another.',
  email_taken: 'That email is already registered: sign in instead.',
  weak_password: 'The password is too weak: use a longer one (a few words work well).',
  invalid_username: 'Usernames use letters, digits, dots, dashes and underscores.',
  invalid_email: 'That email address does not look right.',
};

export function register(main: HTMLElement, _: string[], query: URLSearchParams): void {
  document.title = 'Register · VideoPlatform';
  main.append(form('Register', [
    field('Username', 'username', 'text', 'username'),
    field('Email', 'email', 'email', 'email'),
    field('Password', 'password', 'password', 'new-password'),
  ], 'Create account', async (data) => {
    const username = String(data.get('username')).trim();
    const password = String(data.get('password'));
    try {
      await request('/api/auth/register', { method: 'POST', auth: false, body: { username, email: String(data.get('email')).trim(), password } });
    } catch (e) {
      if (e instanceof ApiError && e.code && registerErrors[e.code]) throw new Error(`${registerErrors[e.code]} (${e.message})`);
      throw e;
    }
    await signIn(username, password);
    navigate(next(query), true);
  }), h('p', {}, 'Have an account? ', h('a', { href: `/login${location.search}` }, 'Sign in')));
}

