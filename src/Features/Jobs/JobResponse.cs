namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// A job as the API and its webhooks show it (camelCase JSON; absent values are left out). <c>downloadUrl</c> and
/// <c>output</c> are the first output's, as they were when a job had only one.
/// </summary>
public sealed record JobResponse(
    Guid JobId,
    string Status,
    Guid? BatchId,
    string? DownloadUrl,
    string? StatusUrl,
    JobErrorResponse? Error,
    JobInputResponse Input,
    IReadOnlyList<JobOutputResponse> Outputs,
    JobOutputResponse? Output,
    int CreditsCharged,
    bool Cached,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public static JobResponse From(ConversionJob job, string apiBaseUrl)
    {
        var outputs = job.Outputs.OrderBy(output => output.Index).Select(output => JobOutputResponse.From(job, output, apiBaseUrl)).ToList();
        return new(
            job.Id,
            StatusText(job.Status),
            job.BatchId,
            // The first output's file, at the address it always had.
            job.Status == JobStatus.Completed ? $"{apiBaseUrl}/download/{job.Id}" : null,
            job.IsFinished ? null : $"{apiBaseUrl}/status/{job.Id}",
            job.ErrorCode is null ? null : new JobErrorResponse(job.ErrorCode, job.ErrorMessage ?? ""),
            new JobInputResponse(job.SourceFileName, job.SourceUrl, job.InputFormat, job.InputWidth, job.InputHeight, job.IsFetched ? job.InputBytes : null, job.InputFrames),
            outputs,
            outputs.FirstOrDefault() is { Format: not null } main ? main : null,
            job.CreditsCharged,
            job.Cached,
            job.CreatedAt,
            job.CompletedAt);
    }

    public static string StatusText(JobStatus status) => status.ToString().ToLowerInvariant();
}

public sealed record JobErrorResponse(string Code, string Message);

/// <param name="Url">The source's URL, for a job that fetched it.</param>
/// <param name="Bytes">Unknown until a URL source has been fetched.</param>
public sealed record JobInputResponse(string FileName, string? Url, string? Format, int? Width, int? Height, long? Bytes, int? Frames);

/// <summary>One output: what was made (once the job completed), where to download it, and where it was stored.</summary>
/// <param name="Format">What was made: with <c>format=auto</c>, the format chosen.</param>
/// <param name="Quality">The quality <c>quality=auto</c> chose; absent where the request gave one.</param>
public sealed record JobOutputResponse(
    string Name, string Status, string? Format, int? Width, int? Height, long? Bytes, int? Quality, bool Cached, string? DownloadUrl, StoredOutputResponse? Stored)
{
    public static JobOutputResponse From(ConversionJob job, JobOutput output, string apiBaseUrl) => new(
        output.Name,
        JobResponse.StatusText(job.Status),
        output.Format,
        output.Width,
        output.Height,
        output.Bytes,
        output.Quality,
        output.Cached,
        job.Status == JobStatus.Completed ? $"{apiBaseUrl}/download/{job.Id}/{output.Name}" : null,
        output.StorageKey is { } key && job.StorageName is { } destination
            ? new StoredOutputResponse(destination, key, (output.StoreStatus ?? StoreStatus.Pending).ToString().ToLowerInvariant(), output.StoreError)
            : null);
}

/// <param name="Status">pending (not converted yet), stored, retrying (the last upload failed; tried again on a schedule) or failed.</param>
public sealed record StoredOutputResponse(string Destination, string Key, string Status, string? Error);

public sealed record JobListResponse(IReadOnlyList<JobResponse> Items, int Page, int PageSize, int TotalCount);

/// <summary>The jobs of one request with several sources.</summary>
/// <param name="Status">processing until every job has ended, then completed (every job completed) or finished (some failed).</param>
public sealed record BatchResponse(
    Guid BatchId, string Status, int Total, int Completed, int Failed, int CreditsCharged, string StatusUrl, string DownloadUrl, IReadOnlyList<JobResponse> Jobs)
{
    public static BatchResponse From(Batch batch, IReadOnlyList<ConversionJob> jobs, string apiBaseUrl)
    {
        var completed = jobs.Count(job => job.Status == JobStatus.Completed);
        var failed = jobs.Count(job => job.Status == JobStatus.Failed);
        var ended = jobs.All(job => job.IsFinished);
        return new(
            batch.Id,
            !ended ? "processing" : failed == 0 ? "completed" : "finished",
            jobs.Count,
            completed,
            failed,
            jobs.Sum(job => job.CreditsCharged),
            $"{apiBaseUrl}/batches/{batch.Id}",
            $"{apiBaseUrl}/batches/{batch.Id}/download",
            [.. jobs.Select(job => JobResponse.From(job, apiBaseUrl))]);
    }
}
