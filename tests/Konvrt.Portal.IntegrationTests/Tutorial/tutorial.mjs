// The integration tutorial's flow, as developers copy it: upload, convert, download, check the status.
// Only the setup (where BASE, the key and the image come from) is this test's own.
import { readFile, writeFile } from 'node:fs/promises';

const BASE = process.env.KONVRT_BASE;
const YOUR_API_KEY = process.env.KONVRT_API_KEY;
const imageBuffer = new Blob([await readFile(process.env.KONVRT_IMAGE)]);
const options = { format: 'webp', quality: 80, maxWidth: 1200 };

// --- the tutorial, unchanged ---
const formData = new FormData();
formData.append('file', imageBuffer, 'product.heic');
for (const [name, value] of Object.entries(options)) formData.append(name, String(value));
const response = await fetch(`${BASE}/api/v1/convert`, {
  method: 'POST', headers: { 'Authorization': `Bearer ${YOUR_API_KEY}` }, body: formData });
const result = await response.json();   // { jobId: "abc123", status: "completed", downloadUrl: "..." }
const download = await fetch(`${BASE}/api/v1/download/${result.jobId}`,
  { headers: { 'Authorization': `Bearer ${YOUR_API_KEY}` } });
const jobId = result.jobId;
const status = await fetch(`${BASE}/api/v1/status/${jobId}`, { headers: { 'Authorization': `Bearer ${YOUR_API_KEY}` } });
// --- end of the tutorial ---

await writeFile(process.env.KONVRT_OUTPUT, Buffer.from(await download.arrayBuffer()));
console.log(JSON.stringify({
  convertStatus: response.status,
  result,
  downloadStatus: download.status,
  contentType: download.headers.get('content-type'),
  jobStatus: (await status.json()).status,
}));
