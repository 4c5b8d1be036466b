namespace Konvrt.Portal.Features.Jobs;

/// <summary>A job as the API shows it (camelCase JSON; absent values are left out).</summary>
public sealed record JobResponse(
    Guid JobId,
    string Status,
    string? DownloadUrl,
    string? StatusUrl,
    JobErrorResponse? Error,
    JobInputResponse Input,
    JobOutputResponse? Output,
    int CreditsCharged,
    bool Cached,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public static JobResponse From(ConversionJob job, string apiBaseUrl) => new(
        job.Id,
        job.Status.ToString().ToLowerInvariant(),
        job.Status == JobStatus.Completed ? $"{apiBaseUrl}/download/{job.Id}" : null,
        job.IsFinished ? null : $"{apiBaseUrl}/status/{job.Id}",
        job.ErrorCode is null ? null : new JobErrorResponse(job.ErrorCode, job.ErrorMessage ?? ""),
        new JobInputResponse(job.SourceFileName, job.InputFormat, job.InputWidth, job.InputHeight, job.InputBytes, job.InputFrames),
        job.OutputFormat is null ? null : new JobOutputResponse(job.OutputFormat, job.OutputWidth ?? 0, job.OutputHeight ?? 0, job.OutputBytes ?? 0),
        job.CreditsCharged,
        job.Cached,
        job.CreatedAt,
        job.CompletedAt);
}

public sealed record JobErrorResponse(string Code, string Message);

public sealed record JobInputResponse(string FileName, string? Format, int? Width, int? Height, long Bytes, int? Frames);

public sealed record JobOutputResponse(string Format, int Width, int Height, long Bytes);

public sealed record JobListResponse(IReadOnlyList<JobResponse> Items, int Page, int PageSize, int TotalCount);
