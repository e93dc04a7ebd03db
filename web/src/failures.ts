// The Api's failure codes in words a person can act on.
const transcode: Record<string, string> = {
  not_video: 'The file is not a video we can read. Upload a video file (MP4, MOV, MKV, WebM…).',
  corrupt: 'The file is damaged: its video could not be decoded. Export it again and upload the new file.',
  empty: 'The file has no video picture (or is empty). Check that it plays on your computer.',
  too_long: 'The video is longer than this platform accepts. Trim it and upload again.',
  unsupported_codec: 'The video uses a codec we cannot convert. Export it as H.264 or HEVC and upload again.',
  transcode_error: 'Converting the video failed on our side. Try uploading it again; if it fails again, contact us.',
  upload_expired: 'The upload was not finished in time and expired. Upload the file again.',
};

export function failureText(failure: { code: string; message?: string } | undefined): string {
  if (!failure) return '';
  return transcode[failure.code] ?? failure.message ?? failure.code;
}

const statusWords: Record<string, string> = {
  created: 'Waiting for the file',
  uploading: 'Uploading',
  uploaded: 'Uploaded, waiting to be processed',
  processing: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
  deleted: 'Deleted',
};

export const statusText = (status: string): string => statusWords[status] ?? status;

/** Why an upload request failed, from the tus answer. */
export function uploadFailureText(status: number | undefined, body: string | undefined): string {
  let code: string | undefined;
  let detail: string | undefined;
  try { ({ code, detail } = JSON.parse(body ?? '{}')); } catch { /* not JSON */ }
  if (status === 413) return detail ?? 'The file is larger than the upload limit.';
  if (status === 401) return 'Your session expired. Sign in again and choose the file again: the upload resumes.';
  if (status === 403) return 'You cannot upload to this video.';
  if (status === 429) return 'Too many uploads right now. Wait a minute and try again.';
  if (status === 404 || status === 410) return 'This upload no longer exists on the server (it may have expired). Start again.';
  if (status === undefined || status === 0) return 'The connection was lost. Check your network and press Resume.';
  return detail ?? code ?? `The server answered ${status}.`;
}
