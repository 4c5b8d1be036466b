using Konvrt.Portal.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>The problems the job endpoints answer with, each with its stable type.</summary>
internal static class JobProblems
{
    public static ProblemHttpResult NotFound(Guid jobId) =>
        ErrorCatalog.NotFound.Result($"This workspace has no job {jobId}.");

    public static ProblemHttpResult NotReady(ConversionJob job) => ErrorCatalog.JobNotReady.Result(job.Status == JobStatus.Failed
        ? $"Job {job.Id} failed ({job.ErrorCode}): there is nothing to download."
        : $"Job {job.Id} is {job.Status.ToString().ToLowerInvariant()}; poll its status and download when it is completed.");

    public static ProblemHttpResult Expired(ConversionJob job) =>
        ErrorCatalog.JobExpired.Result($"Job {job.Id}'s files were deleted after the retention period.");

    public static ProblemHttpResult StillRunning(Guid jobId) =>
        ErrorCatalog.JobRunning.Result($"Job {jobId} can be deleted once it has finished.");

    /// <summary>A job refused at validation or failed in conversion, answered with the status its error deserves.</summary>
    public static ProblemDetails ForFailedJob(ConversionJob job)
    {
        var problem = ErrorCatalog.ForCode(job.ErrorCode).Problem(job.ErrorMessage);
        problem.Extensions["jobId"] = job.Id;
        return problem;
    }
}
