// Uploads a file with the real tus-js-client in small chunks, aborts once midway, then resumes from the server's
// offset (a HEAD on the upload URL). Prints one JSON line: { url, resumedFrom, length }.
// Usage: node tus-resume.js <endpoint> <videoId> <file> [accessToken]   (NODE_PATH must reach tus-js-client)
'use strict';
const fs = require('fs');
const tus = require('tus-js-client');

const [endpoint, videoId, file, token] = process.argv.slice(2);
const headers = token ? { Authorization: `Bearer ${token}` } : {};
const data = fs.readFileSync(file);
const chunkSize = 256 * 1024;
const metadata = { videoId, filename: 'clip.bin', filetype: 'application/octet-stream' };

function firstAttempt() {
  return new Promise((resolve, reject) => {
    let aborted = false;
    const upload = new tus.Upload(data, {
      endpoint, chunkSize, metadata, headers, retryDelays: null, storeFingerprintForResuming: false,
      onProgress(sent, total) {
        if (!aborted && sent > total / 2) {
          aborted = true;
          upload.abort().then(() => resolve(upload.url), reject);
        }
      },
      onError: reject,
      onSuccess: () => reject(new Error('finished before it could be aborted')),
    });
    upload.start();
  });
}

function resume(url) {
  return new Promise((resolve, reject) => {
    let resumedFrom = null;
    const upload = new tus.Upload(data, {
      uploadUrl: url, chunkSize, metadata, headers, retryDelays: [0, 200, 500], storeFingerprintForResuming: false,
      onAfterResponse(req, res) {
        if (req.getMethod() === 'HEAD' && resumedFrom === null) {
          resumedFrom = Number(res.getHeader('Upload-Offset'));
        }
      },
      onError: reject,
      onSuccess: () => resolve(resumedFrom),
    });
    upload.start();
  });
}

(async () => {
  const url = await firstAttempt();
  // The aborted PATCH may still be settling on the server (its bytes being committed): give it a moment.
  await new Promise(r => setTimeout(r, 300));
  const resumedFrom = await resume(url);
  console.log(JSON.stringify({ url, resumedFrom, length: data.length }));
})().catch(err => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
