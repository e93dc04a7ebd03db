import { h } from '../dom';

export function notFound(main: HTMLElement): void {
  document.title = 'Page not found · VideoPlatform';
  main.append(h('h1', {}, 'Page not found'), h('p', {}, 'There is no page at this address. ', h('a', { href: '/' }, 'Go to the home page'), '.'));
}
