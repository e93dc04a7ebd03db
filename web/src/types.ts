export interface User { id: string; username: string }
export interface Session { accessToken: string; expiresIn: number; user: User }
export interface Problem { type?: string; title?: string; status?: number; detail?: string; code?: string }
export interface Page<T> { items: T[]; nextCursor?: string | null }

export type VideoStatus = 'created' | 'uploading' | 'uploaded' | 'processing' | 'ready' | 'failed' | 'deleted';
export type Visibility = 'public' | 'unlisted' | 'private';

export interface Video {
  id: string;
  title: string;
  description: string;
  tags: string[];
  visibility: Visibility;
  owner?: { id: string; username?: string };
  status: VideoStatus;
  progress: number;
  failure?: { code: string; message: string };
  duration?: number;
  renditions: { name: string; width: number; height: number; bitrate: number }[];
  playback?: { hls: string; poster?: string; storyboard?: string };
  createdAt: string;
  publishedAt?: string;
  views?: number;
  upload?: { tusEndpoint: string; metadata: Record<string, string> };
  /** /api/home: why this video is shown. */
  reason?: string;
  /** /api/search: the matched words marked. */
  highlight?: { title?: string; description?: string };
}

export interface Channel {
  id: string;
  name: string;
  owner?: { id: string; username?: string };
  status: 'idle' | 'live' | 'disabled';
  live?: { sessionId: string; startedAt: string; width: number; height: number; viewers: number };
  playback: { hls: string };
  recordings: string[];
  settings?: { record: boolean };
  streamKey?: string;
  ingest?: { rtmp: string };
}

export interface SearchPage extends Page<Video> { facets?: { tags?: { tag: string; count: number }[] } }
