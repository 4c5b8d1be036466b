import { KonvrtError } from "./problem.js";
import type { Account, Batch, ConvertOptions, Job, WebhookEndpoint, WebhookSecret } from "./types.js";

/** What to convert: a Blob or File, bytes (a Buffer), a stream, a file path (Node) or a URL the server fetches. */
export type ImageInput = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | URL | string;

export interface KonvrtClientOptions {
  /** The server's address, e.g. https://konvrt.example.com (the API lives under /api/v1). */
  baseUrl: string;
  /** An API key, kvt_live_… or kvt_test_…. */
  apiKey: string;
  /** How many times a call is tried again after a 429, a 503 or a dropped connection (default 4). */
  maxRetries?: number;
  /** The first wait when the server does not say, in ms, doubling each time with jitter (default 500). */
  retryBaseDelayMs?: number;
  /** No single wait is longer, whatever Retry-After says (default 60 000). */
  maxRetryDelayMs?: number;
  /** Another fetch (a proxy's, a test's). */
  fetch?: typeof fetch;
}

const MaxServerWaitSeconds = 60;

/**
 * The Konvrt API for Node 18+ and browsers. A call refused with 429 or 503, or cut off by the network, is tried again
 * after the server's Retry-After (else a growing, jittered wait), and a conversion carries one Idempotency-Key
 * across its tries so that it never converts or charges twice. A refusal is a KonvrtError carrying the problem.
 */
export class KonvrtClient {
  private readonly api: string;
  private readonly options: Required<Omit<KonvrtClientOptions, "fetch" | "baseUrl" | "apiKey">> & { apiKey: string };
  private readonly fetch: typeof fetch;

  constructor(options: KonvrtClientOptions) {
    if (!options.baseUrl || !options.apiKey) throw new TypeError("KonvrtClient needs baseUrl and apiKey.");
    this.api = `${options.baseUrl.replace(/\/+$/, "")}/api/v1`;
    this.options = {
      apiKey: options.apiKey,
      maxRetries: options.maxRetries ?? 4,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
    };
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /**
   * Converts one image. A small job comes back completed; a large one (or with `async: true`) queued, for
   * `waitForJob`. A job that failed during the request is a KonvrtError (its credits were given back).
   */
  async convertImage(input: ImageInput, options: ConvertOptions = {}): Promise<Job> {
    const source = await toSource(input);
    const idempotencyKey = crypto.randomUUID();
    const response = await this.send("/convert", () => ({ method: "POST", body: toForm(source, options), headers: { "Idempotency-Key": idempotencyKey } }));
    return (await response.json()) as Job;
  }

  /** Converts an image and waits for the job to end: the completed job, or a KonvrtError saying why it failed. */
  async convertAndWait(input: ImageInput, options: ConvertOptions = {}, timeoutMs?: number): Promise<Job> {
    const job = await this.convertImage(input, options);
    const done = job.status === "completed" || job.status === "failed" ? job : await this.waitForJob(job.jobId, { timeoutMs });
    if (done.status === "failed") throw new KonvrtError(422, { type: `/problems/${done.error?.code ?? "internal-error"}`, title: "The conversion failed", detail: done.error?.message });
    return done;
  }

  getJob(jobId: string): Promise<Job> {
    return this.json<Job>(`/status/${encodeURIComponent(jobId)}`);
  }

  /** Waits until the job has completed or failed (the server holds each request up to a minute), or `timeoutMs` passes. */
  async waitForJob(jobId: string, { timeoutMs = 600_000 }: { timeoutMs?: number | undefined } = {}): Promise<Job> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const wait = Math.max(0, Math.min(MaxServerWaitSeconds, Math.ceil((deadline - Date.now()) / 1000)));
      const job = await this.json<Job>(`/status/${encodeURIComponent(jobId)}?wait=${wait}`);
      if (job.status === "completed" || job.status === "failed") return job;
      if (Date.now() >= deadline) throw new Error(`Job ${jobId} was still ${job.status} after ${timeoutMs} ms.`);
    }
  }

  /** The job's first output (or the one named `output`) as the server's answer: read it as a stream, bytes or a Blob. */
  async download(jobId: string, { output }: { output?: string } = {}): Promise<Response> {
    const path = output === undefined ? `/download/${encodeURIComponent(jobId)}` : `/download/${encodeURIComponent(jobId)}/${encodeURIComponent(output)}`;
    return this.send(path, () => ({ method: "GET" }));
  }

  getBatch(batchId: string, waitSeconds = 0): Promise<Batch> {
    return this.json<Batch>(`/batches/${encodeURIComponent(batchId)}?wait=${Math.min(MaxServerWaitSeconds, waitSeconds)}`);
  }

  /** The workspace's jobs, newest first, fetched a page at a time as they are iterated. */
  async *listJobs({ status, pageSize = 50 }: { status?: string; pageSize?: number } = {}): AsyncGenerator<Job> {
    for (let page = 1; ; page++) {
      const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize), ...(status ? { status } : {}) });
      const answer = await this.json<{ items: Job[]; page: number; pageSize: number; totalCount: number }>(`/jobs?${query}`);
      yield* answer.items;
      if (answer.items.length === 0 || page * answer.pageSize >= answer.totalCount) return;
    }
  }

  listWebhooks(): Promise<WebhookEndpoint[]> {
    return this.json<WebhookEndpoint[]>("/webhooks");
  }

  /** Adds an endpoint; the answer's secret is shown this once: keep it. */
  createWebhook(endpoint: { url: string; events?: string[]; description?: string; enabled?: boolean }): Promise<WebhookSecret> {
    return this.json<WebhookSecret>("/webhooks", "POST", endpoint);
  }

  updateWebhook(id: string, changes: { url?: string; events?: string[]; description?: string; enabled?: boolean }): Promise<WebhookEndpoint> {
    return this.json<WebhookEndpoint>(`/webhooks/${encodeURIComponent(id)}`, "PATCH", changes);
  }

  async deleteWebhook(id: string): Promise<void> {
    await this.send(`/webhooks/${encodeURIComponent(id)}`, () => ({ method: "DELETE" }));
  }

  getAccount(): Promise<Account> {
    return this.json<Account>("/account");
  }

  private async json<T>(path: string, method = "GET", body?: unknown): Promise<T> {
    const response = await this.send(path, () => ({
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }),
    }));
    return (await response.json()) as T;
  }

  /**
   * Sends a request made afresh for each try. 429 and 503 mean the server did nothing: any request is tried again. A
   * dropped connection may have come after the server acted: only a request safe to repeat (not POST or PATCH, or
   * with an Idempotency-Key) is.
   */
  private async send(path: string, request: () => RequestInit & { headers?: Record<string, string> }): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const init = request();
      const safeToRepeat = !["POST", "PATCH"].includes(init.method ?? "GET") || init.headers?.["Idempotency-Key"] !== undefined;
      let response: Response;
      try {
        response = await this.fetch(`${this.api}${path}`, { ...init, headers: { ...init.headers, Authorization: `Bearer ${this.options.apiKey}` } });
      } catch (failure) {
        if (!safeToRepeat || attempt >= this.options.maxRetries) throw failure;
        await sleep(this.delay(attempt, undefined));
        continue;
      }
      if (response.ok) return response;
      // "Later": the rate limit, a busy server, or an earlier try of this idempotent request still being worked on.
      const later = response.status === 429 || response.status === 503
        || (response.status === 409 && response.headers.has("Retry-After") && init.headers?.["Idempotency-Key"] !== undefined);
      if (later && attempt < this.options.maxRetries) {
        await response.body?.cancel();
        await sleep(this.delay(attempt, response.headers.get("Retry-After")));
        continue;
      }
      throw await KonvrtError.from(response);
    }
  }

  /** The server's word when it gave one (plus up to 10 %), else exponential backoff with full jitter; never above the cap. */
  private delay(attempt: number, retryAfter: string | null | undefined): number {
    const seconds = retryAfter ? Number(retryAfter) : NaN;
    const asked = Number.isFinite(seconds) ? seconds * 1000 : retryAfter ? Date.parse(retryAfter) - Date.now() : NaN;
    const wait = asked > 0 ? asked * (1 + Math.random() * 0.1) : this.options.retryBaseDelayMs * 2 ** attempt * Math.random();
    return Math.min(wait, this.options.maxRetryDelayMs);
  }
}

type Source = { url: string } | { file: Blob; name: string };

async function toSource(input: ImageInput): Promise<Source> {
  if (input instanceof URL) return { url: input.href };
  if (typeof input === "string") {
    if (/^https?:\/\//i.test(input)) return { url: input };
    // A file path: Node only, read when asked for (a browser bundle never loads node:fs).
    const { readFile } = await import("node:fs/promises");
    const { basename } = await import("node:path");
    return { file: new Blob([new Uint8Array(await readFile(input))]), name: basename(input) };
  }
  if (input instanceof Blob) return { file: input, name: "name" in input && typeof input.name === "string" ? input.name : "image" };
  if (input instanceof ArrayBuffer) return { file: new Blob([input]), name: "image" };
  if (input instanceof Uint8Array) return { file: new Blob([new Uint8Array(input)]), name: "image" };
  // A stream: gathered, since a multipart body must be resent whole on a retry.
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const iterable = input instanceof ReadableStream ? streamChunks(input) : input;
  for await (const chunk of iterable) chunks.push(new Uint8Array(chunk));
  return { file: new Blob(chunks), name: "image" };
}

async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

function toForm(source: Source, options: ConvertOptions): FormData {
  const form = new FormData();
  if ("url" in source) form.append("url", source.url);
  else form.append("file", source.file, source.name);
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || value === null) continue;
    form.append(name, typeof value === "object" ? JSON.stringify(value) : String(value));
  }
  return form;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
