import { request, requireUser } from '../api';
import { h, status } from '../dom';
import type { Channel, Page } from '../types';

export async function myChannels(main: HTMLElement): Promise<void> {
  if (!requireUser()) return;
  document.title = 'My channels · VideoPlatform';
  const name = h('input', { id: 'channel-name', name: 'name', required: true, maxlength: 100 });
  const record = h('input', { id: 'channel-record', name: 'record', type: 'checkbox', checked: true });
  const message = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'create-channel' }, h('h2', {}, 'Create a channel'),
    h('div', { class: 'field' }, h('label', { for: 'channel-name' }, 'Name'), name),
    h('div', { class: 'field check' }, record, h('label', { for: 'channel-record' }, 'Record each stream as a video')),
    h('button', { type: 'submit' }, 'Create channel'), message);
  const list = h('ul', { class: 'rows' });
  main.append(h('h1', {}, 'My channels'), form, h('h2', {}, 'Your channels'), list);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const created = await request<Channel>('/api/channels', { method: 'POST', body: { name: name.value.trim(), record: record.checked } });
      message.replaceChildren(secret(created.streamKey!, created.ingest?.rtmp));
      list.prepend(row(created));
      name.value = '';
    } catch (error) {
      message.replaceChildren(status((error as Error).message, 'error'));
    }
  });

  const page = await request<Page<Channel>>('/api/channels?owner=me&limit=100').catch(() => null);
  const mine = page?.items ?? [];
  list.append(...mine.map(row));
  if (!mine.length) list.append(h('li', { class: 'empty' }, 'No channels yet.'));
}

/** A stream key is shown once: here, right after it was made. */
function secret(key: string, rtmp: string | undefined): HTMLElement {
  const copy = h('button', { type: 'button' }, 'Copy key');
  copy.addEventListener('click', () => void navigator.clipboard?.writeText(key).then(() => { copy.textContent = 'Copied'; }));
  return h('div', { class: 'secret', role: 'status' },
    h('p', {}, h('strong', {}, 'Your stream key (shown only now: copy it):')),
    h('p', {}, h('code', { class: 'key' }, key), ' ', copy),
    rtmp ? h('p', {}, 'In OBS: Settings → Stream → Service “Custom”, Server ', h('code', {}, rtmp), ', Stream Key: the key above.') : null);
}

function row(channel: Channel): HTMLElement {
  const output = h('div', { 'aria-live': 'polite' });
  const rotate = h('button', { type: 'button' }, 'New stream key');
  rotate.addEventListener('click', async () => {
    if (!confirm('Make a new stream key? The current one stops working at once.')) return;
    try {
      const answer = await request<{ streamKey: string; ingest?: { rtmp: string } }>(`/api/channels/${encodeURIComponent(channel.id)}/stream-key`, { method: 'POST', body: {} });
      output.replaceChildren(secret(answer.streamKey, answer.ingest?.rtmp));
    } catch (error) {
      output.replaceChildren(status((error as Error).message, 'error'));
    }
  });
  return h('li', {},
    h('h3', {}, h('a', { href: `/channels/${encodeURIComponent(channel.id)}` }, channel.name), ' ',
      channel.status === 'live' ? h('span', { class: 'badge live' }, 'LIVE') : h('span', { class: 'badge' }, channel.status)),
    h('div', { class: 'actions' }, rotate), output);
}
