namespace Konvrt.Portal.Features.Jobs;

public enum JobStatus
{
    Queued,
    Processing,
    Completed,
    Failed,
    /// <summary>Finished long enough ago that its files were deleted; the row stays as history.</summary>
    Expired,
}

public static class JobStatusWords
{
    /// <summary>The status as the portal says it to people (the API keeps the enum's own names).</summary>
    public static string Describe(this JobStatus status) => status switch
    {
        JobStatus.Queued => "Waiting",
        JobStatus.Processing => "Converting",
        JobStatus.Completed => "Converted",
        JobStatus.Failed => "Failed",
        JobStatus.Expired => "Files deleted",
        _ => status.ToString(),
    };
}

public enum JobOrigin
{
    Browser,
    Api,
}
