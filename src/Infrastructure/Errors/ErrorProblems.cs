using Microsoft.AspNetCore.Mvc;

namespace Konvrt.Portal.Infrastructure.Errors;

/// <summary>
/// One table from a stable error code (a refused conversion, a failed job) to the HTTP answer: the
/// exception handler and the job endpoints both read it, so a code always means the same status.
/// </summary>
public static class ErrorProblems
{
    public static ProblemDetails For(string? errorCode, string? detail) => errorCode switch
    {
        "unsupported-format" => Problem(415, ProblemTypes.UnsupportedFormat, "Unsupported image format", detail),
        "input-too-large" => Problem(413, ProblemTypes.PayloadTooLarge, "File too large", detail),
        "image-too-large" => Problem(422, ProblemTypes.ImageTooLarge, "Image too large", detail),
        "too-many-frames" => Problem(422, ProblemTypes.TooManyFrames, "Too many frames", detail),
        "invalid-image" => Problem(422, ProblemTypes.InvalidImage, "Invalid image", detail),
        _ => Problem(500, ProblemTypes.Internal, "The conversion failed on our side", detail),
    };

    private static ProblemDetails Problem(int status, string type, string title, string? detail) =>
        new() { Status = status, Type = type, Title = title, Detail = detail };
}
