// The product-import tutorial (docs/product-import.md) as developers copy it: set up a bucket and a webhook once,
// then one request per product. Only where BASE, the key, the bucket and the product come from is this test's own.
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';

const BASE = process.env.KONVRT_BASE;
const YOUR_API_KEY = process.env.KONVRT_API_KEY;
const S3 = {
  endpoint: process.env.S3_ENDPOINT, region: 'us-east-1', bucket: process.env.S3_BUCKET,
  accessKeyId: process.env.S3_ACCESS_KEY_ID, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY,
};
const product = { id: process.env.PRODUCT_ID, imageUrl: process.env.PRODUCT_IMAGE_URL };
const events = [];
let webhookSecret;
let eventArrived;
const firstEvent = new Promise(resolve => { eventArrived = resolve; });

// --- the tutorial ---
const konvrt = (path, body) => fetch(`${BASE}/api/v1${path}`, {
  method: 'POST',
  headers: { 'Authorization': `Bearer ${YOUR_API_KEY}`, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

// Once: where outputs go (Konvrt writes a test file there first) …
await konvrt('/storage', { name: 'shop', ...S3, forcePathStyle: true });

// … and where Konvrt tells you they are there, signed (Standard Webhooks).
function verified(headers, body) {
  const key = Buffer.from(webhookSecret.replace('whsec_', ''), 'base64');
  const expected = 'v1,' + createHmac('sha256', key)
    .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest('base64');
  return headers['webhook-signature'].split(' ')
    .some(signature => signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected)));
}
const receiver = createServer(async (request, response) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  if (!verified(request.headers, body)) return response.writeHead(401).end();
  const event = JSON.parse(body);
  if (event.type === 'job.completed') {
    for (const output of event.data.outputs) console.error(`${output.name} stored at ${output.stored.key}`);
  }
  events.push(event); eventArrived(event);
  response.writeHead(200).end();
});
await new Promise(listening => receiver.listen(0, '127.0.0.1', listening));
const hook = await konvrt('/webhooks', {
  url: `http://127.0.0.1:${receiver.address().port}/konvrt`, events: ['job.completed', 'job.failed'],
});
webhookSecret = (await hook.json()).secret;

// Per product: one request makes both sizes and stores them under products/{id}/.
async function processProductImage(product) {
  const response = await konvrt('/convert', {
    url: product.imageUrl,
    storage: 'shop',
    variables: { productId: product.id },
    outputs: [
      { name: 'main', format: 'webp', quality: 80, maxWidth: 1200, path: 'products/{productId}/main.webp' },
      { name: 'thumb', format: 'webp', quality: 70, maxWidth: 300, path: 'products/{productId}/thumb.webp' },
    ],
    async: true,
  });
  if (!response.ok && response.status !== 202) throw new Error(`Konvrt refused ${product.id}: ${await response.text()}`);
  return response.json();   // { jobId, status: "queued", outputs: [ { name, stored: { key, status } } ], … }
}
// --- end of the tutorial ---

const job = await processProductImage(product);
const timeout = setTimeout(() => { console.error('no webhook within 120 s'); process.exit(1); }, 120_000);
const event = await firstEvent;
clearTimeout(timeout);
receiver.close();
console.log(JSON.stringify({ job, event, eventsReceived: events.length }));
