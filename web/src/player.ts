// The player: hls.js over MediaSource (native HLS only where there is no MediaSource), with our own controls so
// the seek bar can show storyboard thumbnails and the quality menu works from the keyboard.
import type HlsType from 'hls.js';
import { PlaybackReporter } from './analytics';
import { duration, h } from './dom';
import { loadStoryboard, thumbnailAt, type Thumbnail } from './storyboard';

export interface PlayerOptions { src: string; poster?: string; storyboard?: string; videoId?: string; live?: boolean; title: string }
export interface Player { element: HTMLElement; video: HTMLVideoElement; destroy(): void }

/** Starts fetching the HLS engine early (before the video's JSON is in), so the two overlap. */
export const preloadEngine = (): Promise<unknown> => import('hls.js/light');

export async function createPlayer(options: PlayerOptions): Promise<Player> {
  const video = h('video', { playsinline: true, preload: 'auto', poster: options.poster, 'aria-label': options.title });
  const play = h('button', { type: 'button', class: 'play', 'aria-label': 'Play' }, '▶');
  const seek = h('input', { type: 'range', class: 'seek', min: 0, max: 0, step: 0.1, value: 0, 'aria-label': 'Seek', hidden: options.live });
  const clock = h('span', { class: 'clock', 'aria-live': 'off' }, options.live ? 'LIVE' : '0:00 / 0:00');
  const mute = h('button', { type: 'button', 'aria-pressed': 'false' }, 'Mute');
  const quality = h('select', { id: `quality-${Math.random().toString(36).slice(2)}`, class: 'quality' }, h('option', { value: '-1' }, 'Auto'));
  const full = h('button', { type: 'button' }, 'Full screen');
  const sprite = h('div', { class: 'sprite' });
  const preview = h('div', { class: 'preview', hidden: true, 'aria-hidden': 'true' }, sprite, h('span', {}));
  const root = h('div', { class: 'player', tabindex: 0, role: 'region', 'aria-label': `Player: ${options.title}` },
    video, preview,
    h('div', { class: 'controls' }, play, seek, clock, mute,
      h('label', { for: quality.id, class: 'visually-hidden' }, 'Quality'), quality, full));

  const reporter = options.videoId ? new PlaybackReporter(options.videoId, video) : null;
  const openedAt = performance.now();
  let hls: HlsType | null = null;
  let thumbnails: Thumbnail[] = [];

  const { default: Hls } = await import('hls.js/light');
  if (Hls.isSupported()) {
    // No worker: the Content-Security-Policy allows no blob: scripts, and parsing on the main thread is cheap here.
    hls = new Hls({ enableWorker: false, lowLatencyMode: Boolean(options.live) });
    root.dataset.engine = 'hls.js';
    hls.on(Hls.Events.MANIFEST_PARSED, () => {
      hls!.levels.forEach((level, i) => quality.append(h('option', { value: i }, level.height ? `${level.height}p` : level.name)));
    });
    hls.on(Hls.Events.LEVEL_LOADED, (_, data) => { root.dataset.levelLoaded = String(data.level); });
    hls.on(Hls.Events.LEVEL_SWITCHED, (_, data) => {
      const level = hls!.levels[data.level];
      reporter?.report('rendition', { rendition: level.name || `${level.height}p` });
    });
    hls.on(Hls.Events.ERROR, (_, data) => {
      if (!data.fatal) return;
      reporter?.report('error', { errorCode: data.details });
      if (data.type === Hls.ErrorTypes.NETWORK_ERROR) hls!.startLoad();
      else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls!.recoverMediaError();
    });
    hls.loadSource(options.src);
    hls.attachMedia(video);
  } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
    root.dataset.engine = 'native';
    video.src = options.src;
    quality.disabled = true;
  }

  quality.addEventListener('change', () => { if (hls) hls.currentLevel = Number(quality.value); });
  const toggle = () => (video.paused ? void video.play().catch(() => undefined) : video.pause());
  play.addEventListener('click', toggle);
  video.addEventListener('click', toggle);
  mute.addEventListener('click', () => { video.muted = !video.muted; });
  full.addEventListener('click', () => (document.fullscreenElement ? document.exitFullscreen() : root.requestFullscreen()).catch(() => undefined));
  video.addEventListener('volumechange', () => {
    mute.setAttribute('aria-pressed', String(video.muted));
  });
  const showState = () => {
    play.textContent = video.paused ? '▶' : '❚❚';
    play.setAttribute('aria-label', video.paused ? 'Play' : 'Pause');
  };
  video.addEventListener('play', showState);
  video.addEventListener('pause', () => { showState(); reporter?.report('pause'); });
  video.addEventListener('playing', () => {
    reporter?.report('play', { startupMs: Math.round(performance.now() - openedAt) });
    void reporter?.flush();
  }, { once: true });
  video.addEventListener('seeked', () => reporter?.report('seek'));
  video.addEventListener('ended', () => { reporter?.report('ended'); void reporter?.flush(); });
  video.addEventListener('durationchange', () => { if (Number.isFinite(video.duration)) seek.max = String(video.duration); });
  video.addEventListener('timeupdate', () => {
    if (document.activeElement !== seek) seek.value = String(video.currentTime);
    if (!options.live) clock.textContent = `${duration(video.currentTime)} / ${duration(video.duration)}`;
  });
  // The bench and the tests read when the first picture was shown.
  video.requestVideoFrameCallback?.(() => { performance.mark('vp:first-frame'); root.dataset.firstFrame = 'true'; });

  const showPreview = (seconds: number, fraction: number) => {
    const cue = thumbnailAt(thumbnails, seconds);
    if (!cue) return;
    sprite.style.width = `${cue.w}px`;
    sprite.style.height = `${cue.h}px`;
    sprite.style.backgroundImage = `url("${cue.url}")`;
    sprite.style.backgroundPosition = `-${cue.x}px -${cue.y}px`;
    preview.style.left = `clamp(0px, calc(${(fraction * 100).toFixed(2)}% - ${cue.w / 2}px), calc(100% - ${cue.w}px))`;
    (preview.lastChild as HTMLElement).textContent = duration(seconds);
    preview.hidden = false;
  };
  seek.addEventListener('pointermove', (e) => {
    const box = seek.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (e.clientX - box.left) / box.width));
    showPreview(fraction * Number(seek.max), fraction);
  });
  seek.addEventListener('input', () => {
    const max = Number(seek.max) || 1;
    showPreview(Number(seek.value), Number(seek.value) / max);
    video.currentTime = Number(seek.value);
  });
  const hidePreview = () => { preview.hidden = true; };
  seek.addEventListener('pointerleave', hidePreview);
  seek.addEventListener('blur', hidePreview);

  root.addEventListener('keydown', (e) => {
    const onControl = e.target instanceof HTMLSelectElement || e.target instanceof HTMLButtonElement || e.target === seek;
    if ((e.key === ' ' || e.key === 'k') && !onControl) { e.preventDefault(); toggle(); }
    else if (e.key === 'm') { video.muted = !video.muted; }
    else if (e.key === 'f') { full.click(); }
    else if (!onControl && !options.live && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      video.currentTime = Math.max(0, video.currentTime + (e.key === 'ArrowLeft' ? -5 : 5));
    }
  });

  if (options.storyboard) void loadStoryboard(options.storyboard).then((cues) => { thumbnails = cues; }).catch(() => undefined);
  // Autoplay: with sound when the browser allows it, else muted (the mute button says so).
  video.play().catch(() => { video.muted = true; return video.play(); }).catch(() => undefined);

  return {
    element: root,
    video,
    destroy() {
      reporter?.stop();
      hls?.destroy();
      video.removeAttribute('src');
      video.load();
    },
  };
}
