using Konvrt.Portal.Features.Conversion;

namespace Konvrt.Portal.Features.Jobs.Uploads;

/// <summary>Why a file did not convert, in words for someone who does not write code.</summary>
public sealed record UploadProblem(string Title, string Detail, bool OffersCredits = false)
{
    public static UploadProblem TooLarge(long maxBytes) =>
        new("File too large", $"Files can be at most {maxBytes / (1024 * 1024)} MB. Make it smaller, or split the work.");

    public static UploadProblem NotEnoughCredits(InsufficientCreditsException shortage) =>
        new("Not enough credits", $"This file needs {shortage.Required} credit{(shortage.Required == 1 ? "" : "s")} and your workspace has {shortage.Balance}. Buy credits to carry on.", OffersCredits: true);

    public static UploadProblem Interrupted { get; } =
        new("Upload interrupted", "The file stopped arriving before it was complete. Check your connection and drop it again.");

    public static UploadProblem Unexpected { get; } =
        new("Conversion failed", "Something went wrong on our side and nothing was charged. Try again in a moment.");

    /// <summary>The problem for a job that failed, chosen by its stable error code.</summary>
    public static UploadProblem ForJob(ConversionJob job) => job.ErrorCode switch
    {
        "unsupported-format" => new("Unsupported format",
            "This file is not an image Konvrt reads. Use JPEG, PNG, GIF, WebP, AVIF, HEIC/HEIF, BMP, TIFF, TGA or QOI."),
        "invalid-image" => new("Damaged image", "The file looks like an image but is broken or cut short, so it cannot be converted."),
        "input-too-large" => new("File too large", job.ErrorMessage ?? "The file is larger than this server accepts."),
        "image-too-large" or "too-many-frames" => new("Image too large", job.ErrorMessage ?? "The image has more pixels or frames than this server converts."),
        _ => new("Conversion failed", "Something went wrong on our side and the credits were given back. Try again in a moment."),
    };

    public static UploadProblem ForRefusal(ConversionException refusal, long maxBytes) => refusal.Error == ConversionError.InputTooLarge
        ? TooLarge(maxBytes)
        : new("Conversion failed", refusal.Message);
}
