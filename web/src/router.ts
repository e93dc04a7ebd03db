// Client-side routes; the Api answers every one of these paths with the app's page.
export type Cleanup = () => void;
export type PageRender = (main: HTMLElement, params: string[], query: URLSearchParams) => Promise<Cleanup | void> | Cleanup | void;

interface Route { pattern: RegExp; load: () => Promise<PageRender> }

const routes: Route[] = [
  { pattern: /^\/$/, load: () => import('./pages/home').then((m) => m.home) },
  { pattern: /^\/watch\/([^/]+)\/?$/, load: () => import('./pages/watch').then((m) => m.watch) },
  { pattern: /^\/upload\/?$/, load: () => import('./pages/upload').then((m) => m.upload) },
  { pattern: /^\/search\/?$/, load: () => import('./pages/search').then((m) => m.search) },
  { pattern: /^\/channels\/([^/]+)\/?$/, load: () => import('./pages/channel').then((m) => m.channel) },
  { pattern: /^\/me\/videos\/?$/, load: () => import('./pages/myVideos').then((m) => m.myVideos) },
  { pattern: /^\/me\/channels\/?$/, load: () => import('./pages/myChannels').then((m) => m.myChannels) },
  { pattern: /^\/login\/?$/, load: () => import('./pages/account').then((m) => m.login) },
  { pattern: /^\/register\/?$/, load: () => import('./pages/account').then((m) => m.register) },
];

/** Fetches the current page's code while the session is restored. */
export function preload(): void {
  void routes.find((r) => r.pattern.test(location.pathname))?.load().catch(() => undefined);
}

let cleanup: Cleanup | void;
let generation = 0;

export async function render(main: HTMLElement): Promise<void> {
  const mine = ++generation;
  cleanup?.();
  cleanup = undefined;
  const path = location.pathname;
  const route = routes.find((r) => r.pattern.test(path));
  const params = route ? (route.pattern.exec(path) ?? []).slice(1).map(decodeURIComponent) : [];
  const page = route ? await route.load() : (await import('./pages/notFound')).notFound;
  if (mine !== generation) return;
  main.replaceChildren();
  main.setAttribute('aria-busy', 'true');
  const result = await page(main, params, new URLSearchParams(location.search));
  main.removeAttribute('aria-busy');
  if (mine === generation) cleanup = result;
  else result?.();
}

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event('vp:route'));
}

/** Same-origin links to app pages change the route without a page load. */
export function interceptLinks(): void {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element).closest?.('a');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || link.target) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || /^\/(api|play|live|docs|openapi)(\/|$)/.test(url.pathname)) return;
    event.preventDefault();
    if (url.pathname + url.search !== location.pathname + location.search) navigate(url.pathname + url.search);
  });
}
