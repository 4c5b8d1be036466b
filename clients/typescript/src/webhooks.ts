/**
 * Checks that a webhook came from Konvrt (Standard Webhooks): `webhook-signature` holds a `v1,` HMAC-SHA256 of
 * "{webhook-id}.{webhook-timestamp}.{body}" keyed with the endpoint's secret, and the timestamp is recent (an old
 * message replayed is refused). Verify the body exactly as received, before parsing it.
 */
export async function verifyWebhook(
  secret: string,
  headers: Headers | Record<string, string | undefined>,
  body: string,
  options: { toleranceSeconds?: number; now?: Date } = {},
): Promise<boolean> {
  const read = (name: string) => (headers instanceof Headers ? headers.get(name) ?? undefined : headers[name]);
  const id = read("webhook-id");
  const timestamp = read("webhook-timestamp");
  const signatures = read("webhook-signature");
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return false;
  const now = (options.now ?? new Date()).getTime() / 1000;
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? 300)) return false;
  const expected = await sign(secret, `${id}.${timestamp}.${body}`);
  return signatures.split(" ").some((candidate) => candidate.startsWith("v1,") && constantTimeEqual(candidate.slice(3), expected));
}

/** The `v1,` signature a secret gives a message (for tests of a receiver). */
export async function signWebhook(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  return `v1,${await sign(secret, `${id}.${timestamp}.${body}`)}`;
}

async function sign(secret: string, content: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle ?? (await import("node:crypto")).webcrypto.subtle;
  const key = await subtle.importKey("raw", fromBase64(secret.replace(/^whsec_/, "")), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return toBase64(new Uint8Array(await subtle.sign("HMAC", key, new TextEncoder().encode(content))));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Compares in time that does not depend on where the strings differ. */
function constantTimeEqual(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length;
  for (let index = 0; index < expected.length; index++) {
    difference |= (given.charCodeAt(index) || 0) ^ expected.charCodeAt(index);
  }
  return difference === 0;
}
