// A customer's script over types openapi-typescript generates from Konvrt's live OpenAPI document and openapi-fetch:
// each step prints one line; a step the document got wrong fails to compile (tsc --strict) or fails here.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";
import { readFile } from "node:fs/promises";

type Job = components["schemas"]["JobResponse"];

const [baseUrl, key, photo, photoUrl] = process.argv.slice(2) as [string, string, string, string];
const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${key}` } });

function check(passed: boolean, step: string): void {
  console.log(`${passed ? "ok" : "FAILED"}: ${step}`);
  if (!passed) process.exit(1);
}

// The form's fields, typed by the document; files go in as Blobs.
type ConvertForm = NonNullable<paths["/api/v1/convert"]["post"]["requestBody"]>["content"]["multipart/form-data"];
function form(fields: Omit<ConvertForm, "file">, file?: { bytes: Uint8Array; name: string }): FormData {
  const data = new FormData();
  if (file) data.append("file", new Blob([new Uint8Array(file.bytes)]), file.name);
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(name, String(item));
  }
  return data;
}
const asJob = (answer: Job | components["schemas"]["BatchResponse"] | undefined): Job => {
  if (!answer || !("jobId" in answer)) throw new Error("expected a job");
  return answer;
};

const bytes = new Uint8Array(await readFile(photo));
const sync = await api.POST("/api/v1/convert", {
  body: form({ format: "webp", maxWidth: 640 }, { bytes, name: "photo.jpg" }) as unknown as ConvertForm,
  bodySerializer: (body) => body as unknown as FormData,
});
const done = asJob(sync.data);
check(sync.response.status === 200 && done.status === "completed" && done.outputs[0]?.width === 640, `sync convert: ${done.status}`);
check(Number(sync.response.headers.get("X-Credits-Charged")) >= 1, "credits charged header");

const file = await api.GET("/api/v1/download/{jobId}", { params: { path: { jobId: done.jobId } }, parseAs: "arrayBuffer" });
const header = new TextDecoder().decode(new Uint8Array(file.data as ArrayBuffer).slice(8, 12));
check(file.response.headers.get("Content-Type") === "image/webp" && header === "WEBP", `download: ${header}`);

const queued = asJob((await api.POST("/api/v1/convert", {
  body: form({ format: "png", width: 100, async: true }, { bytes, name: "async.jpg" }) as unknown as ConvertForm,
  bodySerializer: (body) => body as unknown as FormData,
})).data);
check((queued.status === "queued" || queued.status === "processing") && queued.statusUrl !== undefined, `async convert: ${queued.status}`);
const waited = await api.GET("/api/v1/status/{jobId}", { params: { path: { jobId: queued.jobId }, query: { wait: 60 } } });
check(waited.data?.status === "completed" && waited.data.completedAt !== undefined, `status with wait: ${waited.data?.status}`);

const outputs = JSON.stringify([{ name: "web", format: "webp", maxWidth: 800 }, { name: "thumb", format: "jpeg", width: 120, height: 120, fit: "cover" }]);
let fetched = asJob((await api.POST("/api/v1/convert", {
  body: form({ url: [photoUrl], outputs }) as unknown as ConvertForm,
  bodySerializer: (body) => body as unknown as FormData,
})).data);
if (fetched.status !== "completed") {
  fetched = (await api.GET("/api/v1/status/{jobId}", { params: { path: { jobId: fetched.jobId }, query: { wait: 60 } } })).data!;
}
check(fetched.status === "completed" && fetched.outputs.map((output) => output.name).join() === "web,thumb", `URL with outputs: ${fetched.status}`);

const jobs = await api.GET("/api/v1/jobs", { params: { query: { page: 1, pageSize: 2 } } });
check(jobs.data?.totalCount === 3 && jobs.data.items.length === 2 && jobs.data.items[0]?.jobId === fetched.jobId, `jobs: ${jobs.data?.totalCount}`);

const created = await api.POST("/api/v1/webhooks", { body: { url: "http://127.0.0.1:9/typescript-client", events: ["job.completed"] } });
check(created.data?.secret.startsWith("whsec_") === true, "webhook created with its secret");
const id = created.data!.endpoint.id;
const changed = await api.PATCH("/api/v1/webhooks/{endpointId}", { params: { path: { endpointId: id } }, body: { description: "typescript", enabled: false } });
check(changed.data?.description === "typescript" && changed.data.enabled === false, "webhook updated");
const listed = await api.GET("/api/v1/webhooks");
check(listed.data?.length === 1 && listed.data[0]?.id === id, "webhooks listed");
await api.DELETE("/api/v1/webhooks/{endpointId}", { params: { path: { endpointId: id } } });
const gone = await api.GET("/api/v1/webhooks/{endpointId}", { params: { path: { endpointId: id } } });
check(gone.response.status === 404 && gone.error?.type === "/problems/not-found" && gone.error.traceId !== undefined, "a deleted webhook answers the not-found problem");

const refused = await api.POST("/api/v1/convert", {
  body: form({ format: "webp", quality: 500 }, { bytes, name: "bad.jpg" }) as unknown as ConvertForm,
  bodySerializer: (body) => body as unknown as FormData,
});
const problem = refused.error;
check(refused.response.status === 400 && problem !== undefined && "errors" in problem && problem.errors?.["quality"] !== undefined,
  "invalid options answer the problem with each field's error");

console.log("all steps passed");
