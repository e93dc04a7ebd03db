// Playback events for POST /api/videos/{id}/events: batched, retried with the same sequence so none counts twice.
interface PlaybackEvent { type: string; at: string; position: number; rendition?: string; startupMs?: number; errorCode?: string }

export class PlaybackReporter {
  private readonly sessionId = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  private queue: PlaybackEvent[] = [];
  private sequence = 0;
  private readonly timer: number;

  constructor(private readonly videoId: string, private readonly video: HTMLVideoElement) {
    this.timer = window.setInterval(() => {
      if (!video.paused) this.report('heartbeat');
      void this.flush();
    }, 10_000);
  }

  report(type: string, extra: Partial<PlaybackEvent> = {}): void {
    this.queue.push({ type, at: new Date().toISOString(), position: this.video.currentTime || 0, ...extra });
  }

  async flush(): Promise<void> {
    if (this.queue.length === 0) return;
    const body = JSON.stringify({ sessionId: this.sessionId, sequence: this.sequence++, events: this.queue.splice(0, 100) });
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await fetch(`/api/videos/${encodeURIComponent(this.videoId)}/events`,
        { method: 'POST', body, headers: { 'Content-Type': 'application/json' }, keepalive: true }).catch(() => null);
      if (r && (r.ok || (r.status < 500 && r.status !== 429))) return;
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt));
    }
  }

  stop(): void {
    window.clearInterval(this.timer);
    void this.flush();
  }
}
