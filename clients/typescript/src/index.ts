export { KonvrtClient } from "./client.js";
export type { ImageInput, KonvrtClientOptions } from "./client.js";
export { KonvrtError } from "./problem.js";
export { signWebhook, verifyWebhook } from "./webhooks.js";
export type { Account, Batch, ConvertOptions, Job, JobOutput, OutputSpec, WebhookEndpoint, WebhookSecret } from "./types.js";

import { KonvrtClient } from "./client.js";
import type { ImageInput } from "./client.js";
import type { ConvertOptions, Job } from "./types.js";

/**
 * The tutorial's one call: convert an image with KONVRT_URL and KONVRT_API_KEY from the environment (Node) and
 * wait for it, e.g. convertImage('product.heic', { format: 'webp', quality: 80, maxWidth: 1200 }).
 */
export function convertImage(input: ImageInput, options: ConvertOptions = {}): Promise<Job> {
  const environment = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
  return new KonvrtClient({ baseUrl: environment["KONVRT_URL"] ?? "", apiKey: environment["KONVRT_API_KEY"] ?? "" }).convertAndWait(input, options);
}
