// The client against a Konvrt server (KONVRT_URL, KONVRT_API_KEY, KONVRT_TEST_IMAGE: a photo on disk,
// KONVRT_IMAGE_URL: one the server can fetch), and against a local server that says "not now".
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { KonvrtClient, KonvrtError, convertImage, signWebhook, verifyWebhook } from "../src/index.js";

const environment = {
  url: process.env["KONVRT_URL"] ?? "",
  key: process.env["KONVRT_API_KEY"] ?? "",
  image: process.env["KONVRT_TEST_IMAGE"] ?? "",
  imageUrl: process.env["KONVRT_IMAGE_URL"] ?? "",
};
const skip = environment.url === "" ? "KONVRT_URL is not set" : undefined;
const server = { skip: skip ?? false };
const client = () => new KonvrtClient({ baseUrl: environment.url, apiKey: environment.key });

test("a file path converts in the request as the tutorial writes its options, and downloads", server, async () => {
  const job = await client().convertImage(environment.image, { format: "webp", quality: 80, maxWidth: 640 });
  const file = await client().download(job.jobId);
  const bytes = new Uint8Array(await file.arrayBuffer());

  assert.equal(job.status, "completed");
  assert.equal(job.outputs[0]?.width, 640);
  assert.equal(file.headers.get("Content-Type"), "image/webp");
  assert.equal(new TextDecoder().decode(bytes.slice(8, 12)), "WEBP");
});

test("a Buffer, a Blob and a stream convert alike; async jobs are waited for", async (t) => {
  if (skip) return t.skip(skip);
  const bytes = await readFile(environment.image);
  const stream = new Blob([new Uint8Array(bytes)]).stream();

  const fromBuffer = await client().convertImage(bytes, { format: "png", width: 100, async: true });
  const fromBlob = await client().convertImage(new Blob([new Uint8Array(bytes)]), { format: "jpeg", width: 100 });
  const fromStream = await client().convertImage(stream, { format: "avif", width: 100 });
  const waited = await client().waitForJob(fromBuffer.jobId);

  assert.ok(fromBuffer.status === "queued" || fromBuffer.status === "processing", fromBuffer.status);
  assert.equal(waited.status, "completed");
  assert.deepEqual([fromBlob.outputs[0]?.format, fromStream.outputs[0]?.format], ["jpeg", "avif"]);
});

test("a URL with named outputs, from convertImage with the environment's server", server, async () => {
  process.env["KONVRT_URL"] = environment.url;
  process.env["KONVRT_API_KEY"] = environment.key;

  const job = await convertImage(new URL(environment.imageUrl), {
    outputs: [{ name: "web", format: "webp", maxWidth: 800 }, { name: "thumb", format: "jpeg", width: 120, height: 120, fit: "cover" }],
  });
  const thumb = await client().download(job.jobId, { output: "thumb" });

  assert.equal(job.status, "completed");
  assert.deepEqual(job.outputs.map((output) => output.name), ["web", "thumb"]);
  assert.equal(thumb.headers.get("Content-Type"), "image/jpeg");
});

test("jobs are listed across pages; webhooks are created, changed and deleted", server, async () => {
  const listed = [];
  for await (const job of client().listJobs({ pageSize: 2 })) listed.push(job.jobId);
  const created = await client().createWebhook({ url: "http://127.0.0.1:9/typescript", events: ["job.completed"] });
  const changed = await client().updateWebhook(created.endpoint.id, { description: "ts" });
  await client().deleteWebhook(created.endpoint.id);
  const endpoints = await client().listWebhooks();

  assert.ok(listed.length >= 5, `${listed.length} jobs listed`);
  assert.equal(new Set(listed).size, listed.length);
  assert.match(created.secret, /^whsec_/);
  assert.equal(changed.description, "ts");
  assert.ok(!endpoints.some((endpoint) => endpoint.id === created.endpoint.id));
});

test("a refusal is a KonvrtError with the problem type and each field's error", server, async () => {
  const refusal = await client().convertImage(environment.image, { format: "webp", quality: 500 }).then(
    () => assert.fail("a quality of 500 was accepted"),
    (error: unknown) => error,
  );

  assert.ok(refusal instanceof KonvrtError);
  assert.equal(refusal.status, 400);
  assert.equal(refusal.problemType, "invalid-options");
  assert.ok(refusal.errors["quality"]);
  assert.ok(refusal.traceId);
});

test("a 429 is tried again after its Retry-After, with the same Idempotency-Key and the whole file", async () => {
  const seen: { key: string | undefined; bytes: number; at: number }[] = [];
  const fake = createServer((request, response) => {
    let bytes = 0;
    request.on("data", (chunk: Buffer) => (bytes += chunk.length));
    request.on("end", () => {
      seen.push({ key: request.headers["idempotency-key"] as string | undefined, bytes, at: Date.now() });
      if (seen.length === 1) {
        response.writeHead(429, { "Retry-After": "1", "Content-Type": "application/problem+json" });
        response.end(JSON.stringify({ type: "/problems/rate-limited", title: "Too many requests", status: 429 }));
      } else {
        response.writeHead(200, { "Content-Type": "application/json" });
        response.end(JSON.stringify({ jobId: "j", status: "completed", input: { fileName: "a" }, outputs: [], creditsCharged: 1, cached: false, createdAt: "" }));
      }
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = fake.address() as AddressInfo;
    const job = await new KonvrtClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: "kvt_live_test" }).convertImage(new Uint8Array(50_000));

    assert.equal(job.status, "completed");
    assert.equal(seen.length, 2);
    assert.ok(seen[0]?.key && seen[0].key === seen[1]?.key, "one Idempotency-Key for both tries");
    assert.ok((seen[1]?.bytes ?? 0) > 50_000, "the second try sent the file again");
    assert.ok((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0) >= 1000, "it waited as Retry-After said");
  } finally {
    fake.close();
  }
});

test("webhooks verify on the Standard Webhooks test vector, and nothing else does", async () => {
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const headers = { "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330", "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" };
  const body = '{"test": 2432232314}';
  const now = new Date(1614265330 * 1000 + 30_000);

  assert.equal(await verifyWebhook(secret, headers, body, { now }), true);
  assert.equal(await verifyWebhook(secret, new Headers(headers), body, { now }), true);
  assert.equal(await signWebhook(secret, headers["webhook-id"], 1614265330, body), headers["webhook-signature"]);
  assert.equal(await verifyWebhook(secret, headers, '{"test": 1}', { now }), false);
  assert.equal(await verifyWebhook(secret, headers, body, { now: new Date(1614265330 * 1000 + 600_000) }), false);
  assert.equal(await verifyWebhook("whsec_" + btoa("another secret of 24 b."), headers, body, { now }), false);
});
