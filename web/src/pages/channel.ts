import { ApiError, request } from '../api';
import { videoGrid } from '../cards';
import { ago, count, h, status } from '../dom';
import { createPlayer, type Player } from '../player';
import type { Channel, Page, Video } from '../types';

export async function channel(main: HTMLElement, [id]: string[]): Promise<() => void> {
  let player: Player | null = null;
  let timer = 0;
  const cleanup = () => { window.clearInterval(timer); player?.destroy(); };
  let found: Channel;
  try {
    found = await request<Channel>(`/api/channels/${encodeURIComponent(id)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      main.append(h('h1', {}, 'This channel is not available'), h('p', {}, h('a', { href: '/' }, 'Back to the home page')));
      return cleanup;
    }
    throw e;
  }
  document.title = `${found.name} · VideoPlatform`;
  const live = found.status === 'live';
  const viewers = h('span', { class: 'viewers' }, live ? count(found.live?.viewers, 'viewer') : '');
  main.append(h('h1', {}, found.name, ' ', live ? h('span', { class: 'badge live' }, 'LIVE') : h('span', { class: 'badge' }, found.status === 'disabled' ? 'Disabled' : 'Offline')),
    h('p', { class: 'meta' }, found.owner?.username ?? '', live ? ' · ' : '', viewers, live && found.live ? ` · started ${ago(found.live.startedAt)}` : ''));
  if (live) {
    player = await createPlayer({ src: found.playback.hls, live: true, title: found.name });
    main.append(h('div', { class: 'stage' }, player.element));
    timer = window.setInterval(async () => {
      const fresh = await request<Channel>(`/api/channels/${encodeURIComponent(id)}`).catch(() => null);
      if (fresh?.live) viewers.textContent = count(fresh.live.viewers, 'viewer');
      else if (fresh) viewers.textContent = 'the stream ended';
    }, 10_000);
  } else {
    main.append(status('This channel is not live right now.'));
  }
  if (found.owner) {
    const videos = await request<Page<Video>>(`/api/videos?owner=${encodeURIComponent(found.owner.id)}&status=ready`).catch(() => null);
    main.append(h('section', { 'aria-labelledby': 'channel-videos' }, h('h2', { id: 'channel-videos' }, 'Videos'),
      videos ? videoGrid(videos.items, 'No videos yet.') : status('Could not load the videos.', 'error')));
  }
  return cleanup;
}
