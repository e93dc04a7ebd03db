import './style.css';
import { restoreSession, session, signOut } from './api';
import { h, replace } from './dom';
import { interceptLinks, navigate, preload, render } from './router';

const header = document.getElementById('top')!;
const main = document.getElementById('main')!;

function drawHeader(): void {
  const user = session.user;
  const query = new URLSearchParams(location.search).get('q') ?? '';
  const search = h('form', { class: 'site-search', role: 'search', action: '/search' },
    h('label', { for: 'site-q', class: 'visually-hidden' }, 'Search videos'),
    h('input', { id: 'site-q', name: 'q', type: 'search', placeholder: 'Search', value: query, autocomplete: 'off' }),
    h('button', { type: 'submit' }, 'Search'));
  search.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = (search.elements.namedItem('q') as HTMLInputElement).value.trim();
    navigate(`/search?q=${encodeURIComponent(q)}`);
  });
  const links = user
    ? [h('a', { href: '/upload' }, 'Upload'), h('a', { href: '/me/videos' }, 'My videos'), h('a', { href: '/me/channels' }, 'My channels'),
      h('button', { type: 'button', class: 'link', onclick: async () => { await signOut(); navigate('/'); } }, `Sign out ${user.username}`)]
    : [h('a', { href: '/login' }, 'Sign in'), h('a', { href: '/register' }, 'Register')];
  replace(header, h('nav', { 'aria-label': 'Main' }, h('a', { href: '/', class: 'brand' }, 'VideoPlatform'), search, h('div', { class: 'links' }, ...links)));
}

async function show(): Promise<void> {
  drawHeader();
  await render(main);
}

window.addEventListener('popstate', () => void show());
window.addEventListener('vp:route', () => { void show(); main.focus({ preventScroll: true }); window.scrollTo(0, 0); });
window.addEventListener('vp:navigate', (e) => navigate((e as CustomEvent<string>).detail));
session.onChange(drawHeader);
interceptLinks();
preload();
await restoreSession();
await show();
