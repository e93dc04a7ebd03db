// Storyboard thumbnails: a WebVTT file whose cues point into sprite images (`sprite.jpg#xywh=x,y,w,h`).
export interface Thumbnail { start: number; end: number; url: string; x: number; y: number; w: number; h: number }

const time = (t: string): number => t.split(':').reduce((total, part) => total * 60 + Number.parseFloat(part), 0);

export function parseStoryboard(vtt: string, base: string): Thumbnail[] {
  const cues: Thumbnail[] = [];
  for (const block of vtt.replace(/\r/g, '').split(/\n\n+/)) {
    const lines = block.split('\n');
    const timing = lines.findIndex((l) => l.includes('-->'));
    if (timing < 0 || !lines[timing + 1]) continue;
    const [from, to] = lines[timing].split('-->').map((s) => s.trim().split(' ')[0]);
    const target = lines[timing + 1].trim();
    const match = /#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(target);
    if (!match) continue;
    const [x, y, w, h] = match.slice(1).map(Number);
    cues.push({ start: time(from), end: time(to), url: new URL(target.slice(0, match.index), base).href, x, y, w, h });
  }
  return cues;
}

export async function loadStoryboard(url: string): Promise<Thumbnail[]> {
  const response = await fetch(url);
  if (!response.ok) return [];
  return parseStoryboard(await response.text(), new URL(url, location.href).href);
}

export const thumbnailAt = (cues: Thumbnail[], seconds: number): Thumbnail | undefined =>
  cues.find((c) => seconds >= c.start && seconds < c.end) ?? cues[cues.length - 1];
