import * as tus from 'tus-js-client';
import { ApiError, request, requireUser, token } from '../api';
import { bytes, duration, h, status } from '../dom';
import { failureText, statusText, uploadFailureText } from '../failures';
import type { Video } from '../types';

const resumable = (v: Video | null) => v !== null && (v.status === 'created' || v.status === 'uploading');

export async function upload(main: HTMLElement): Promise<(() => void) | void> {
  if (!requireUser()) return;
  document.title = 'Upload · VideoPlatform';
  let current: tus.Upload | null = null;
  let poll = 0;

  const file = h('input', { id: 'file', name: 'file', type: 'file', accept: 'video/*', required: true });
  const drop = h('label', { class: 'drop', for: 'file' }, h('strong', {}, 'Drag a video here'), ' or choose a file', file);
  const title = h('input', { id: 'title', name: 'title', maxlength: 200, required: true });
  const description = h('textarea', { id: 'description', name: 'description', rows: 3 });
  const tags = h('input', { id: 'tags', name: 'tags', placeholder: 'music, travel' });
  const visibility = h('select', { id: 'visibility', name: 'visibility' },
    h('option', { value: 'public' }, 'Public'), h('option', { value: 'unlisted' }, 'Unlisted'), h('option', { value: 'private' }, 'Private'));
  const start = h('button', { type: 'submit' }, 'Upload');
  const message = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'upload-form' }, drop,
    h('div', { class: 'field' }, h('label', { for: 'title' }, 'Title'), title),
    h('div', { class: 'field' }, h('label', { for: 'description' }, 'Description'), description),
    h('div', { class: 'field' }, h('label', { for: 'tags' }, 'Tags (comma separated)'), tags),
    h('div', { class: 'field' }, h('label', { for: 'visibility' }, 'Visibility'), visibility),
    start, message);

  const bar = h('progress', { id: 'upload-progress', max: 100, value: 0, 'aria-label': 'Upload progress' });
  const figures = h('p', { class: 'figures', 'aria-live': 'off' });
  const pause = h('button', { type: 'button' }, 'Pause');
  const processingBar = h('progress', { id: 'processing-progress', max: 100, value: 0, 'aria-label': 'Processing progress' });
  const processing = h('p', { id: 'processing-status', role: 'status' });
  const links = h('p', { class: 'links' });
  const panel = h('section', { class: 'upload-panel', hidden: true, 'aria-labelledby': 'upload-title' },
    h('h2', { id: 'upload-title' }, 'Upload'), bar, figures, pause,
    h('h2', {}, 'Processing'), processingBar, processing, links);

  main.append(h('h1', {}, 'Upload a video'), unfinishedUploads(), h('div', { class: 'upload-layout' }, form, panel));

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    if (!title.value) title.value = chosen.name.replace(/\.[^.]+$/, '').slice(0, 200);
    drop.dataset.file = chosen.name;
    drop.querySelector('strong')!.textContent = `${chosen.name} (${bytes(chosen.size)})`;
  };
  file.addEventListener('change', () => choose(file.files?.[0]));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer?.files.length) { file.files = e.dataTransfer.files; choose(file.files[0]); }
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) { message.replaceChildren(status('Choose a video file first.', 'error')); return; }
    start.disabled = true;
    message.replaceChildren();
    try {
      current = await begin(chosen);
    } catch (error) {
      message.replaceChildren(status((error as Error).message, 'error'));
      start.disabled = false;
    }
  });

  async function begin(chosen: File): Promise<tus.Upload> {
    const samples: [number, number][] = [];
    let videoId = '';
    const upload = new tus.Upload(chosen, {
      endpoint: '/api/uploads',
      retryDelays: [0, 1000, 3000, 5000, 10000],
      removeFingerprintOnSuccess: true,
      metadata: { filename: chosen.name, filetype: chosen.type || 'application/octet-stream' },
      // The token is fetched for every request: a long upload outlives one access token.
      onBeforeRequest: async (req) => { req.setHeader('Authorization', `Bearer ${await token()}`); },
      onShouldRetry: (err, attempt) => {
        const code = err.originalResponse?.getStatus() ?? 0;
        return code === 0 || code >= 500 || code === 409 || code === 423 || (code === 401 && attempt < 1);
      },
      onProgress: (sent, total) => {
        const now = performance.now();
        samples.push([now, sent]);
        while (samples.length > 2 && now - samples[0][0] > 5000) samples.shift();
        const [t0, b0] = samples[0];
        const speed = now > t0 ? ((sent - b0) * 1000) / (now - t0) : 0;
        bar.value = total ? (sent * 100) / total : 0;
        figures.textContent = `${bytes(sent)} of ${bytes(total)}` + (speed > 0 ? ` · ${bytes(speed)}/s · ${duration((total - sent) / speed)} left` : '');
      },
      onError: (err) => {
        const response = (err as tus.DetailedError).originalResponse;
        figures.replaceChildren(status(`Upload failed: ${uploadFailureText(response?.getStatus(), response?.getBody())}`, 'error'));
        pause.textContent = 'Resume';
      },
      onSuccess: () => {
        bar.value = 100;
        figures.textContent = `${bytes(chosen.size)} uploaded`;
        pause.hidden = true;
        void follow(videoId);
      },
    });

    const previous = (await upload.findPreviousUploads()).filter((p) => p.metadata.videoId);
    let earlier: tus.PreviousUpload | undefined;
    for (const p of previous) {
      const video = await request<Video>(`/api/videos/${encodeURIComponent(p.metadata.videoId)}`).catch(() => null);
      if (resumable(video)) { earlier = p; break; }
    }
    if (earlier) {
      videoId = earlier.metadata.videoId;
      upload.resumeFromPreviousUpload(earlier);
      message.replaceChildren(status(`Resuming your earlier upload of ${chosen.name}: only the rest is sent.`));
    } else {
      const video = await request<Video>('/api/videos', {
        method: 'POST',
        body: {
          title: title.value.trim(), description: description.value.trim(), visibility: visibility.value,
          tags: tags.value.split(',').map((t) => t.trim()).filter(Boolean),
        },
      }).catch((error) => {
        throw new Error(error instanceof ApiError && error.status === 429 ? 'You created many videos in a short time: wait a minute and try again.' : (error as Error).message);
      });
      videoId = video.id;
      upload.options.metadata = { ...upload.options.metadata, videoId };
    }
    panel.hidden = false;
    panel.dataset.videoId = videoId;
    upload.start();
    return upload;
  }

  pause.addEventListener('click', () => {
    if (!current) return;
    if (pause.textContent === 'Pause') {
      void current.abort();
      pause.textContent = 'Resume';
      figures.append(' · paused');
    } else {
      current.start();
      pause.textContent = 'Pause';
    }
  });

  async function follow(videoId: string): Promise<void> {
    const video = await request<Video>(`/api/videos/${encodeURIComponent(videoId)}`).catch(() => null);
    if (!video) { poll = window.setTimeout(() => void follow(videoId), 2000); return; }
    processingBar.value = video.status === 'ready' ? 100 : video.status === 'processing' ? video.progress : 0;
    processing.textContent = video.status === 'failed' ? `Failed: ${failureText(video.failure)}` : statusText(video.status);
    processing.className = video.status === 'failed' ? 'notice error' : '';
    const watch = `/watch/${encodeURIComponent(video.id)}`;
    links.replaceChildren(
      video.playback ? h('a', { href: watch, class: 'button' }, video.status === 'ready' ? 'Watch' : 'Watch now (still processing)') : '',
      ' ', h('a', { href: '/me/videos' }, 'My videos'));
    if (video.status !== 'ready' && video.status !== 'failed' && video.status !== 'deleted') {
      poll = window.setTimeout(() => void follow(videoId), 1000);
    }
  }

  return () => {
    window.clearTimeout(poll);
    void current?.abort();
  };
}

/** Uploads this browser started and did not finish: choosing the same file again resumes them. */
function unfinishedUploads(): HTMLElement {
  const names: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith('tus::')) continue;
    try {
      const entry = JSON.parse(localStorage.getItem(key) ?? '{}') as { metadata?: Record<string, string> };
      if (entry.metadata?.filename) names.push(entry.metadata.filename);
    } catch { /* not ours */ }
  }
  return names.length
    ? status(`Unfinished upload${names.length > 1 ? 's' : ''}: ${[...new Set(names)].join(', ')}. Choose the same file again to continue where it stopped.`)
    : h('div', {});
}
