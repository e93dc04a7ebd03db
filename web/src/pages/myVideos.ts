import { request, requireUser } from '../api';
import { ago, append, h, status } from '../dom';
import { failureText, statusText } from '../failures';
import type { Page, Video } from '../types';

export async function myVideos(main: HTMLElement): Promise<(() => void) | void> {
  if (!requireUser()) return;
  document.title = 'My videos · VideoPlatform';
  let timer = 0;
  const list = h('ul', { class: 'rows' });
  const more = h('button', { type: 'button', hidden: true }, 'Show more');
  main.append(h('h1', {}, 'My videos'), h('p', {}, h('a', { href: '/upload', class: 'button' }, 'Upload a video')), list, more);
  let cursor: string | null | undefined;

  const load = async () => {
    const page = await request<Page<Video>>(`/api/videos?owner=me${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    list.append(...page.items.map(row));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    if (list.children.length === 0) list.replaceWith(status('You have not uploaded anything yet.'));
  };
  more.addEventListener('click', () => void load());
  await load().catch((e) => main.append(status(`Could not load your videos: ${(e as Error).message}`, 'error')));

  // Videos still on their way refresh their row until they are done.
  const refresh = async () => {
    for (const item of list.querySelectorAll<HTMLElement>('li[data-busy="true"]')) {
      const video = await request<Video>(`/api/videos/${encodeURIComponent(item.dataset.id!)}`).catch(() => null);
      if (video) item.replaceWith(row(video));
    }
    timer = window.setTimeout(refresh, 3000);
  };
  timer = window.setTimeout(refresh, 3000);
  return () => window.clearTimeout(timer);
}

function row(video: Video): HTMLElement {
  const busy = !['ready', 'failed', 'deleted'].includes(video.status);
  const item = h('li', { 'data-id': video.id, 'data-busy': String(busy) });
  const state = h('p', { class: 'meta' }, `${statusText(video.status)}${busy && video.progress ? ` · ${video.progress}%` : ''} · ${video.visibility} · ${ago(video.createdAt)}`);
  const edit = editor(video, item);
  const remove = h('button', { type: 'button', class: 'danger' }, 'Delete');
  remove.addEventListener('click', async () => {
    if (!confirm(`Delete “${video.title}”? This cannot be undone.`)) return;
    remove.disabled = true;
    try {
      await request(`/api/videos/${encodeURIComponent(video.id)}`, { method: 'DELETE' });
      item.remove();
    } catch (e) {
      item.append(status(`Could not delete: ${(e as Error).message}`, 'error'));
      remove.disabled = false;
    }
  });
  append(item,
    h('h2', {}, video.playback ? h('a', { href: `/watch/${encodeURIComponent(video.id)}` }, video.title) : video.title),
    state,
    busy ? h('progress', { max: 100, value: video.progress, 'aria-label': `Progress of ${video.title}` }) : null,
    video.status === 'failed' ? status(failureText(video.failure), 'error') : null,
    h('div', { class: 'actions' }, edit, remove));
  return item;
}

function editor(video: Video, item: HTMLElement): HTMLElement {
  const prefix = `e-${video.id}`;
  const input = (name: string, label: string, value: string, multiline = false) => h('div', { class: 'field' },
    h('label', { for: `${prefix}-${name}` }, label),
    multiline ? h('textarea', { id: `${prefix}-${name}`, name, rows: 3 }, value) : h('input', { id: `${prefix}-${name}`, name, value }));
  const message = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'edit' },
    input('title', 'Title', video.title), input('description', 'Description', video.description, true),
    input('tags', 'Tags (comma separated)', video.tags.join(', ')),
    h('div', { class: 'field' }, h('label', { for: `${prefix}-visibility` }, 'Visibility'),
      h('select', { id: `${prefix}-visibility`, name: 'visibility' }, ...(['public', 'unlisted', 'private'] as const).map((v) => h('option', { value: v, selected: v === video.visibility }, v)))),
    h('button', { type: 'submit' }, 'Save'), message);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    try {
      const saved = await request<Video>(`/api/videos/${encodeURIComponent(video.id)}`, {
        method: 'PATCH',
        body: {
          title: String(data.get('title')).trim(), description: String(data.get('description')).trim(), visibility: data.get('visibility'),
          tags: String(data.get('tags')).split(',').map((t) => t.trim()).filter(Boolean),
        },
      });
      item.replaceWith(row(saved));
    } catch (error) {
      message.replaceChildren(status(`Not saved: ${(error as Error).message}`, 'error'));
    }
  });
  return h('details', {}, h('summary', {}, 'Edit'), form);
}
