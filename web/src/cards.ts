import { ago, count, duration, h, highlighted } from './dom';
import type { Video } from './types';

export function videoGrid(videos: Video[], empty = 'No videos yet.'): HTMLElement {
  if (videos.length === 0) return h('p', { class: 'empty' }, empty);
  return h('ul', { class: 'grid' }, ...videos.map((v) => h('li', {}, videoCard(v))));
}

export function videoCard(video: Video): HTMLElement {
  const poster = video.playback?.poster
    ? h('img', { src: video.playback.poster, alt: '', loading: 'lazy', width: 320, height: 180 })
    : h('div', { class: 'poster-missing', 'aria-hidden': 'true' });
  const title = video.highlight?.title ? highlighted(video.highlight.title) : video.title;
  return h('a', { class: 'card', href: `/watch/${encodeURIComponent(video.id)}` },
    h('div', { class: 'thumb' }, poster, video.duration ? h('span', { class: 'duration' }, duration(video.duration)) : null),
    h('h3', {}, title),
    h('p', { class: 'meta' }, [video.owner?.username, count(video.views, 'view'), ago(video.publishedAt ?? video.createdAt)].filter(Boolean).join(' · ')),
    video.highlight?.description ? h('p', { class: 'snippet' }, highlighted(video.highlight.description)) : null,
    video.reason ? h('p', { class: 'reason' }, video.reason) : null);
}
