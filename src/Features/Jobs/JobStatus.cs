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

public enum JobOrigin
{
    Browser,
    Api,
}
