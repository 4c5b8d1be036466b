/** A conversion job: what came in, what it made, what it cost. */
export interface Job {
  jobId: string;
  status: "queued" | "processing" | "completed" | "failed";
  batchId?: string;
  downloadUrl?: string;
  statusUrl?: string;
  error?: { code: string; message: string };
  input: { fileName: string; url?: string; format?: string; width?: number; height?: number; bytes?: number; frames?: number };
  outputs: JobOutput[];
  creditsCharged: number;
  cached: boolean;
  createdAt: string;
  completedAt?: string;
}

export interface JobOutput {
  name: string;
  status: string;
  format?: string;
  width?: number;
  height?: number;
  bytes?: number;
  quality?: number;
  cached: boolean;
  downloadUrl?: string;
  stored?: { destination: string; key: string; status: string; error?: string };
}

/** Several sources converted by one request. */
export interface Batch {
  batchId: string;
  status: string;
  total: number;
  completed: number;
  failed: number;
  creditsCharged: number;
  statusUrl: string;
  downloadUrl: string;
  jobs: Job[];
}

/** One named output of each source: its options, a preset it starts from, where to store it. */
export interface OutputSpec extends Partial<Record<string, unknown>> {
  name: string;
  preset?: string;
  path?: string;
}

/**
 * How to convert, as the API's fields name them ({ format: 'webp', quality: 80, maxWidth: 1200 }); any other field
 * of the API (crop, background, lossless…) may be given by its name too.
 */
export interface ConvertOptions {
  format?: "webp" | "avif" | "jpeg" | "png" | "gif" | "auto";
  quality?: number | "auto" | "auto:high" | "auto:good" | "auto:eco";
  width?: number;
  height?: number;
  maxWidth?: number;
  maxHeight?: number;
  fit?: "contain" | "cover" | "fill" | "inside" | "outside";
  preset?: string;
  outputs?: OutputSpec[];
  storage?: string;
  variables?: Record<string, string>;
  webhookUrl?: string;
  /** Answer at once with the queued job instead of waiting for small ones to finish. */
  async?: boolean;
  [field: string]: unknown;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  description?: string;
  events: string[];
  enabled: boolean;
  disabledReason?: string;
  failingSince?: string;
  createdAt: string;
  previousSecretExpiresAt?: string;
}

/** An endpoint with its signing secret: answered only when it is made and when its secret is rotated. */
export interface WebhookSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

export interface Account {
  workspace: { id: string; name: string };
  plan: string;
  creditBalance: number;
  rateLimit: { requestsPerMinute: number };
}
