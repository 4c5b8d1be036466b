using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Infrastructure.Errors;

namespace Konvrt.Portal.Features.Jobs.Uploads;

/// <summary>Why a file did not convert, in words for someone who does not write code.</summary>
public sealed record UploadProblem(string Title, string Detail, bool OffersCredits = false)
{
    public static UploadProblem TooLarge(long maxBytes) =>
        new(ErrorCatalog.InputTooLarge.PortalTitle, $"Files can be at most {maxBytes / (1024 * 1024)} MB. Make it smaller, or split the work.");

    public static UploadProblem NotEnoughCredits(InsufficientCreditsException shortage) =>
        new(ErrorCatalog.InsufficientCredits.PortalTitle, $"This file needs {shortage.Required} credit{(shortage.Required == 1 ? "" : "s")} and your workspace has {shortage.Balance}. Buy credits to carry on.", OffersCredits: true);

    public static UploadProblem BadUrl(string problem) => new(ErrorCatalog.SourceUnreachable.PortalTitle, $"The address {problem}");

    public static UploadProblem OriginalGone { get; } =
        new("The original is no longer kept", "Originals are deleted after a while; drop the file again to convert it with these options.");

    public static UploadProblem Interrupted { get; } = From(ErrorCatalog.MalformedRequest);

    public static UploadProblem Unexpected { get; } = From(ErrorCatalog.Internal);

    /// <summary>The problem for a job that failed, in the words its error code's row gives people.</summary>
    public static UploadProblem ForJob(ConversionJob job) => ErrorCatalog.ForCode(job.ErrorCode) switch
    {
        { MessageSaysMore: true } error => new(error.PortalTitle, job.ErrorMessage ?? error.PortalText),
        var error => From(error),
    };

    public static UploadProblem ForRefusal(ConversionException refusal, long maxBytes) => refusal.Error == ConversionError.InputTooLarge
        ? TooLarge(maxBytes)
        : From(refusal.Error.Describe());

    private static UploadProblem From(PortalError error) => new(error.PortalTitle, error.PortalText);
}
