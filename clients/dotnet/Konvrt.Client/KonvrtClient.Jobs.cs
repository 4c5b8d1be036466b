using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Konvrt.Client;

public sealed partial class KonvrtClient
{
    /// <summary>The longest the server holds a status request open (<c>?wait=</c>).</summary>
    private const int MaxServerWaitSeconds = 60;

    /// <summary>
    /// Converts one source. A small job comes back completed; a large one (or with <see cref="ConvertOptions.Async"/>)
    /// comes back queued: <see cref="WaitForJobAsync"/> then waits for it. A job that failed during the request is a
    /// <see cref="KonvrtApiException"/> (its credits were given back).
    /// </summary>
    public async Task<KonvrtJob> ConvertAsync(ConvertSource source, ConvertOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var response = await PostConvertAsync([source], options, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, KonvrtJson.Default.KonvrtJob, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Converts several sources as one batch (each a job of its own, with one batch to wait for and download).</summary>
    public async Task<KonvrtBatch> ConvertBatchAsync(IReadOnlyList<ConvertSource> sources, ConvertOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count < 2)
        {
            throw new ArgumentException("A batch has at least two sources; convert one with ConvertAsync.", nameof(sources));
        }
        using var response = await PostConvertAsync(sources, options, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, KonvrtJson.Default.KonvrtBatch, cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> PostConvertAsync(IReadOnlyList<ConvertSource> sources, ConvertOptions? options, CancellationToken cancellationToken)
    {
        // One key for the logical call: a try whose answer was lost is answered from the first, never converted twice.
        var idempotencyKey = Guid.NewGuid().ToString("N");
        return SendAsync(() =>
        {
            var form = new MultipartFormDataContent();
            foreach (var source in sources)
            {
                source.AddTo(form);
            }
            foreach (var (name, value) in (options ?? new ConvertOptions()).ToFields())
            {
                form.Add(new StringContent(value), name);
            }
            var message = new HttpRequestMessage(HttpMethod.Post, Address("convert")) { Content = form };
            message.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
            return message;
        }, cancellationToken, canRetry: () => sources.All(source => source.CanResend));
    }

    /// <summary>A job of the workspace as it is now.</summary>
    public Task<KonvrtJob> GetJobAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        GetAsync($"status/{jobId}", KonvrtJson.Default.KonvrtJob, cancellationToken);

    /// <summary>Waits until the job has completed or failed (the server holds each request up to a minute), or <paramref name="timeout"/> passes.</summary>
    /// <exception cref="TimeoutException">The job was still not finished.</exception>
    public async Task<KonvrtJob> WaitForJobAsync(Guid jobId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = clock.GetUtcNow() + (timeout ?? TimeSpan.FromMinutes(10));
        while (true)
        {
            var left = deadline - clock.GetUtcNow();
            var wait = (int)Math.Clamp(Math.Ceiling(left.TotalSeconds), 0, MaxServerWaitSeconds);
            var job = await GetAsync($"status/{jobId}?wait={wait}", KonvrtJson.Default.KonvrtJob, cancellationToken).ConfigureAwait(false);
            if (job.IsFinished)
            {
                return job;
            }
            if (clock.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"Job {jobId} was still {job.Status} after {timeout ?? TimeSpan.FromMinutes(10)}.");
            }
        }
    }

    /// <summary>A batch as it is now; with <paramref name="waitSeconds"/> the answer comes as soon as every job has ended.</summary>
    public Task<KonvrtBatch> GetBatchAsync(Guid batchId, int waitSeconds = 0, CancellationToken cancellationToken = default) =>
        GetAsync(string.Create(CultureInfo.InvariantCulture, $"batches/{batchId}?wait={Math.Clamp(waitSeconds, 0, MaxServerWaitSeconds)}"),
            KonvrtJson.Default.KonvrtBatch, cancellationToken);

    /// <summary>
    /// The job's first output (or the output named <paramref name="outputName"/>) as a stream read from the network as
    /// the caller reads it. A server that keeps files in a bucket redirects there; the download follows.
    /// </summary>
    public async Task<KonvrtDownload> DownloadAsync(Guid jobId, string? outputName = null, CancellationToken cancellationToken = default)
    {
        var path = outputName is null ? $"download/{jobId}" : $"download/{jobId}/{Escape(outputName)}";
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Address(path)), cancellationToken,
            completion: HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        return await KonvrtDownload.OpenAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every output of a batch's completed jobs as one zip, streamed.</summary>
    public async Task<KonvrtDownload> DownloadBatchAsync(Guid batchId, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Address($"batches/{batchId}/download")), cancellationToken,
            completion: HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        return await KonvrtDownload.OpenAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The workspace's jobs, newest first, fetched a page at a time as the caller enumerates.</summary>
    public async IAsyncEnumerable<KonvrtJob> ListJobsAsync(KonvrtJobFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        filter ??= new KonvrtJobFilter();
        var status = filter.Status is null ? "" : "&status=" + Escape(filter.Status);
        for (var page = 1; ; page++)
        {
            var answer = await GetAsync(string.Create(CultureInfo.InvariantCulture, $"jobs?page={page}&pageSize={filter.PageSize}{status}"),
                KonvrtJson.Default.KonvrtJobPage, cancellationToken).ConfigureAwait(false);
            foreach (var job in answer.Items)
            {
                yield return job;
            }
            if (answer.Items.Count == 0 || page * answer.PageSize >= answer.TotalCount)
            {
                yield break;
            }
        }
    }

    /// <summary>Deletes a finished job and its files; false when there was no such job.</summary>
    public async Task<bool> DeleteJobAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        try
        {
            await SendEmptyAsync(HttpMethod.Delete, $"jobs/{jobId}", cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KonvrtApiException refusal) when (refusal.Status == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Reads a job from a webhook's <c>data</c> or a stored answer.</summary>
    public static KonvrtJob ParseJob(JsonElement json) => json.Deserialize(KonvrtJson.Default.KonvrtJob)
        ?? throw new JsonException("Not a job.");
}
