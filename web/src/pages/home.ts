import { ApiError, request } from '../api';
import { videoGrid } from '../cards';
import { h, status } from '../dom';
import type { Channel, Page, Video } from '../types';

/** /api/home when it exists (personal when signed in), else this week's trending followed by the newest. */
async function videos(): Promise<Video[]> {
  try {
    return (await request<Page<Video>>('/api/home')).items;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    const [trending, latest] = await Promise.all([
      request<Page<Video>>('/api/trending?window=week'),
      request<Page<Video>>('/api/videos?status=ready&limit=24'),
    ]);
    const shown = new Set(trending.items.map((v) => v.id));
    return [...trending.items, ...latest.items.filter((v) => !shown.has(v.id))];
  }
}

export async function home(main: HTMLElement): Promise<void> {
  document.title = 'VideoPlatform';
  main.append(h('h1', {}, 'Home'));
  const [list, live] = await Promise.allSettled([videos(), request<Page<Channel>>('/api/channels?status=live&limit=12')]);
  if (live.status === 'fulfilled' && live.value.items.length > 0) {
    main.append(h('section', { 'aria-labelledby': 'live-now' }, h('h2', { id: 'live-now' }, 'Live now'),
      h('ul', { class: 'chips' }, ...live.value.items.map((c) => h('li', {},
        h('a', { href: `/channels/${encodeURIComponent(c.id)}`, class: 'chip' }, h('span', { class: 'badge live' }, 'LIVE'), ` ${c.name} · ${c.live?.viewers ?? 0} watching`))))));
  }
  main.append(h('section', { 'aria-labelledby': 'videos' }, h('h2', { id: 'videos', class: 'visually-hidden' }, 'Videos'),
    list.status === 'fulfilled'
      ? videoGrid(list.value, 'Nothing to watch yet: upload the first video.')
      : status(`Could not load videos: ${(list.reason as Error).message}`, 'error')));
}
