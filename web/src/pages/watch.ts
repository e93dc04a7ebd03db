import { ApiError, request, session } from '../api';
import { videoGrid } from '../cards';
import { ago, count, h, status } from '../dom';
import { failureText, statusText } from '../failures';
import { createPlayer, preloadEngine, type Player } from '../player';
import type { Page, User, Video } from '../types';

export async function watch(main: HTMLElement, [id]: string[]): Promise<() => void> {
  let player: Player | null = null;
  let timer = 0;
  const cleanup = () => { window.clearTimeout(timer); player?.destroy(); };

  void preloadEngine().catch(() => undefined);
  let video: Video;
  try {
    video = await request<Video>(`/api/videos/${encodeURIComponent(id)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      document.title = 'Not available · VideoPlatform';
      main.append(h('h1', {}, 'This video is not available'),
        h('p', {}, 'It may be private, deleted, or the address may be wrong. ', h('a', { href: '/' }, 'Find something else to watch'), '.'));
      return cleanup;
    }
    throw e;
  }

  document.title = `${video.title} · VideoPlatform`;
  const stage = h('div', { class: 'stage' });
  main.append(stage);
  if (video.playback) {
    player = await createPlayer({ src: video.playback.hls, poster: video.playback.poster, storyboard: video.playback.storyboard, videoId: video.id, title: video.title });
    stage.append(player.element);
  } else {
    // Not playable yet: show where it is, and look again until it is.
    const poll = async () => {
      const fresh = await request<Video>(`/api/videos/${encodeURIComponent(id)}`).catch(() => null);
      if (fresh?.playback) window.dispatchEvent(new Event('vp:route'));
      else timer = window.setTimeout(poll, 2000);
    };
    stage.append(video.status === 'failed'
      ? status(`This video could not be processed. ${failureText(video.failure)}`, 'error')
      : h('div', { class: 'pending' }, h('p', {}, `${statusText(video.status)}…`), h('progress', { max: 100, value: video.progress, 'aria-label': 'Processing progress' })));
    if (video.status !== 'failed') timer = window.setTimeout(poll, 2000);
  }

  const about = h('section', { class: 'about' },
    h('h1', {}, video.title),
    h('p', { class: 'meta' }, [count(video.views, 'view'), ago(video.publishedAt ?? video.createdAt), video.status !== 'ready' ? statusText(video.status) : ''].filter(Boolean).join(' · ')),
    video.owner ? await ownerLine(video.owner) : null,
    video.description ? h('p', { class: 'description' }, video.description) : null,
    video.tags.length ? h('ul', { class: 'tags', 'aria-label': 'Tags' }, ...video.tags.map((t) => h('li', {}, h('a', { href: `/search?q=${encodeURIComponent(t)}&tags=${encodeURIComponent(t)}` }, `#${t}`)))) : null);
  main.append(about);
  const related = h('section', { class: 'related', 'aria-labelledby': 'related-title' });
  main.append(related);
  const showRelated = () => {
    void request<Page<Video>>(`/api/videos/${encodeURIComponent(id)}/related?limit=8`)
      .then((page) => { if (page.items.length) related.append(h('h2', { id: 'related-title' }, 'Related videos'), videoGrid(page.items)); })
      .catch(() => undefined);
  };
  // The related cards' thumbnails would compete with the player's first segment for the connection: they wait for
  // the first frame, or a few seconds when it does not come (autoplay refused, a slow network).
  if (player) {
    let shown = false;
    const once = () => { if (!shown) { shown = true; window.clearTimeout(relatedTimer); showRelated(); } };
    const relatedTimer = window.setTimeout(once, 5000);
    player.video.addEventListener('loadeddata', once, { once: true });
    const destroy = cleanup;
    return () => { window.clearTimeout(relatedTimer); destroy(); };
  }
  showRelated();
  return cleanup;
}

async function ownerLine(owner: { id: string; username?: string }): Promise<HTMLElement> {
  const line = h('div', { class: 'owner' }, h('strong', {}, owner.username ?? 'Unknown'));
  const me = session.user;
  if (!me || me.id === owner.id) return line;
  const following = await request<Page<User>>('/api/me/subscriptions?limit=100').then((p) => p.items.some((u) => u.id === owner.id)).catch(() => false);
  const button = h('button', { type: 'button', class: 'subscribe', 'aria-pressed': String(following) }, following ? 'Subscribed' : 'Subscribe');
  button.addEventListener('click', async () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    button.disabled = true;
    try {
      await request(`/api/users/${encodeURIComponent(owner.id)}/subscription`, { method: on ? 'POST' : 'DELETE', body: on ? {} : undefined });
      button.setAttribute('aria-pressed', String(on));
      button.textContent = on ? 'Subscribed' : 'Subscribe';
    } catch (e) {
      line.append(status((e as Error).message, 'error'));
    } finally {
      button.disabled = false;
    }
  });
  line.append(' ', button);
  return line;
}
