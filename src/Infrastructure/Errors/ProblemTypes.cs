namespace Konvrt.Portal.Infrastructure.Errors;

/// <summary>
/// Stable <c>type</c> URIs of the problems the API answers with (RFC 9457). Clients switch on these,
/// so a published value never changes.
/// </summary>
public static class ProblemTypes
{
    public const string Base = "https://konvrt.dev/problems/";

    public const string BadRequest = Base + "bad-request";
    public const string MalformedRequest = Base + "malformed-request";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string InsufficientStorage = Base + "insufficient-storage";
    public const string TemporarilyUnavailable = Base + "temporarily-unavailable";
    public const string IdempotencyInProgress = Base + "idempotency-in-progress";
    public const string InvalidOptions = Base + "invalid-options";
    public const string NotFound = Base + "not-found";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string UnsupportedFormat = Base + "unsupported-format";
    public const string InvalidImage = Base + "invalid-image";
    public const string ImageTooLarge = Base + "image-too-large";
    public const string TooManyFrames = Base + "too-many-frames";
    public const string Unauthorized = Base + "unauthorized";
    public const string PlanRequired = Base + "plan-required";
    public const string JobNotReady = Base + "job-not-ready";
    public const string JobExpired = Base + "job-expired";
    public const string JobRunning = Base + "job-running";
    public const string RateLimited = Base + "rate-limited";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string InsufficientCredits = Base + "insufficient-credits";
    public const string InvalidWebhook = Base + "invalid-webhook";
    public const string Internal = Base + "internal-error";

    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        // The request's Content-Type, not an image's format: that is unsupported-format.
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status503ServiceUnavailable => TemporarilyUnavailable,
        StatusCodes.Status507InsufficientStorage => InsufficientStorage,
        StatusCodes.Status500InternalServerError => Internal,
        _ => Base + "http-" + status,
    };
}
