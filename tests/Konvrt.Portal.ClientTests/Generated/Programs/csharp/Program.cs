// A customer's program over the C# client NSwag generates from Konvrt's live OpenAPI document, unchanged: each step
// prints one line; any mismatch between the document and the server throws and the exit code says so.
using Konvrt.Generated;

var (baseUrl, key, photo, photoUrl) = (args[0], args[1], args[2], args[3]);
using var http = new HttpClient();
http.DefaultRequestHeaders.Authorization = new("Bearer", key);
var api = new KonvrtApi(http) { BaseUrl = baseUrl };

await using (var file = File.OpenRead(photo))
{
    var done = await api.ConvertAsync(file: [new FileParameter(file, Path.GetFileName(photo))], url: [], format: Format.Webp, maxWidth: 640);
    Check(done.Status == "completed" && done.Outputs.Single().Width == 640, $"sync convert: {done.Status}");
    using var download = await api.DownloadAsync(done.JobId);
    using var bytes = new MemoryStream();
    await download.Stream.CopyToAsync(bytes);
    var header = System.Text.Encoding.ASCII.GetString(bytes.ToArray(), 8, 4);
    Check(header == "WEBP" && download.Headers["Content-Type"].Single() == "image/webp", $"download: {bytes.Length} bytes of {header}");
}

await using (var file = File.OpenRead(photo))
{
    var queued = await api.ConvertAsync(file: [new FileParameter(file, "async.jpg")], url: [], format: Format.Png, width: 100, async: true);
    Check(queued.Status is "queued" or "processing" && queued.StatusUrl is not null, $"async convert: {queued.Status}");
    var waited = await api.GetStatusAsync(queued.JobId, wait: 60);
    Check(waited.Status == "completed" && waited.CompletedAt is not null, $"status with wait: {waited.Status}");
}

var outputs = """[{"name":"web","format":"webp","maxWidth":800},{"name":"thumb","format":"jpeg","width":120,"height":120,"fit":"cover"}]""";
var fetched = await api.ConvertAsync(file: [], url: [new Uri(photoUrl)], outputs: outputs);
fetched = fetched.Status == "completed" ? fetched : await api.GetStatusAsync(fetched.JobId, wait: 60);
Check(fetched.Status == "completed" && fetched.Outputs.Select(output => output.Name).SequenceEqual(["web", "thumb"]) && fetched.Input.Url is not null,
    $"URL with outputs: {fetched.Status}, {string.Join(",", fetched.Outputs.Select(output => output.Name))}");
using (var thumb = await api.DownloadOutputAsync(fetched.JobId, "thumb"))
{
    Check(thumb.Headers["Content-Type"].Single() == "image/jpeg", "download of a named output");
}

var page = await api.ListJobsAsync(page: 1, pageSize: 2);
Check(page.TotalCount == 3 && page.Items.Count == 2 && page.Items.First().JobId == fetched.JobId, $"jobs: {page.TotalCount} in all, {page.Items.Count} on the page");

var created = await api.CreateWebhookAsync(new CreateWebhookRequest { Url = "http://127.0.0.1:9/generated-client", Events = ["job.completed"] });
Check(created.Secret.StartsWith("whsec_", StringComparison.Ordinal), "webhook created with its secret");
var changed = await api.UpdateWebhookAsync(created.Endpoint.Id, new UpdateWebhookRequest { Description = "generated client", Enabled = false });
Check(changed.Description == "generated client" && !changed.Enabled, "webhook updated");
var rotated = await api.RotateWebhookSecretAsync(created.Endpoint.Id);
Check(rotated.Secret != created.Secret && rotated.Endpoint.PreviousSecretExpiresAt is not null, "webhook secret rotated");
Check((await api.ListWebhooksAsync()).Single().Id == created.Endpoint.Id, "webhooks listed");
await api.DeleteWebhookAsync(created.Endpoint.Id);
try
{
    await api.GetWebhookAsync(created.Endpoint.Id);
    Check(false, "a deleted webhook is still there");
}
catch (ApiException<ProblemDetails> gone)
{
    Check(gone.StatusCode == 404 && gone.Result.Type == "/problems/not-found" && gone.Result.TraceId is not null, "a deleted webhook answers the not-found problem");
}

var account = await api.GetAccountAsync();
Check(account.Plan == "pro" && account.CreditBalance >= 0, $"account: {account.Plan}, {account.CreditBalance} credits");
Console.WriteLine("all steps passed");

static void Check(bool passed, string step)
{
    Console.WriteLine((passed ? "ok: " : "FAILED: ") + step);
    if (!passed)
    {
        Environment.Exit(1);
    }
}
