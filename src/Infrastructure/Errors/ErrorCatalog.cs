namespace Konvrt.Portal.Infrastructure.Errors;

/// <summary>
/// The one table of failures. The exception handler, the API's endpoints, the portal's upload cards and the
/// command line read it; docs/api.md is checked against it.
/// </summary>
public static class ErrorCatalog
{
    /// <summary>
    /// Problem types are relative URIs: the same on every installation, and each resolves, against the address that
    /// answered, to this server's page explaining it.
    /// </summary>
    public const string TypeBase = "/problems/";

    // The image itself: recorded on failed jobs, answered by the API, shown in the portal.
    public static PortalError UnsupportedFormat { get; } = new("unsupported-format", 415, "unsupported-format", "Unsupported image format",
        "Unsupported format", "This file is not an image Konvrt reads. Use JPEG, PNG, GIF, WebP, AVIF, HEIC/HEIF, BMP, TIFF, TGA or QOI.");
    public static PortalError InvalidImage { get; } = new("invalid-image", 422, "invalid-image", "Invalid image",
        "Damaged image", "The file looks like an image but is broken or cut short, so it cannot be converted.");
    public static PortalError InputTooLarge { get; } = new("input-too-large", 413, "payload-too-large", "File too large",
        "File too large", "The file is larger than this server accepts. Make it smaller, or split the work.", MessageSaysMore: true);
    public static PortalError ImageTooLarge { get; } = new("image-too-large", 422, "image-too-large", "Image too large",
        "Image too large", "The image has more pixels than this server converts.", MessageSaysMore: true);
    public static PortalError TooManyFrames { get; } = new("too-many-frames", 422, "too-many-frames", "Too many frames",
        "Image too large", "The animation has more frames than this server converts.", MessageSaysMore: true);
    // A source fetched by URL: the job fails and costs nothing.
    public static PortalError SourceUnreachable { get; } = new("source-unreachable", 422, "source-unreachable", "The source URL could not be fetched",
        "Source unreachable", "The image could not be fetched from its URL, and nothing was charged.", MessageSaysMore: true);
    public static PortalError SourceTooLarge { get; } = new("source-too-large", 413, "source-too-large", "The source is too large",
        "Source too large", "The image at the URL is larger than this server accepts, and nothing was charged.", MessageSaysMore: true);
    public static PortalError SourceNotImage { get; } = new("source-not-image", 415, "source-not-image", "The source is not an image",
        "Not an image", "The URL did not answer with an image Konvrt reads, and nothing was charged.", MessageSaysMore: true);
    public static PortalError InvalidOptions { get; } = new("invalid-options", 400, "invalid-options", "Invalid conversion options",
        "Invalid options", "One or more options are invalid; each says why.", ExitCode: 2);

    // Jobs that failed on our side: their codes differ, their answer is the same.
    public static PortalError InputMissing { get; } = new("input-missing", 410, "input-missing", "The upload is gone",
        "Upload gone", "The uploaded file was no longer stored when its turn came, and the credits were given back. Upload it again.");
    public static PortalError Timeout { get; } = new("timeout", 500, "internal-error", "The conversion failed on our side",
        "Conversion failed", "The conversion took too long and the credits were given back. Try again in a moment.");
    public static PortalError AttemptsExhausted { get; } = new("attempts-exhausted", 500, "internal-error", "The conversion failed on our side",
        "Conversion failed", "The conversion failed several times and the credits were given back. Try again in a moment.");
    public static PortalError Internal { get; } = new("internal-error", 500, "internal-error", "Something went wrong on our side. It has been logged.",
        "Conversion failed", "Something went wrong on our side and nothing was charged. Try again in a moment.");

    // The request.
    public static PortalError BadRequest { get; } = new("bad-request", 400, "bad-request", "The request could not be read",
        "Bad request", "The request could not be read.");
    public static PortalError MalformedRequest { get; } = new("malformed-request", 400, "malformed-request", "Malformed request",
        "Upload interrupted", "The file stopped arriving before it was complete. Check your connection and drop it again.");
    public static PortalError Unauthorized { get; } = new("unauthorized", 401, "unauthorized", "Missing or invalid API key",
        "Not signed in", "Send a valid API key as 'Authorization: Bearer kvt_…'.", ExitCode: 3);
    public static PortalError InsufficientCredits { get; } = new("insufficient-credits", 402, "insufficient-credits", "Not enough credits",
        "Not enough credits", "Your workspace has too few credits for this file. Buy credits to carry on.");
    public static PortalError PlanRequired { get; } = new("plan-required", 403, "plan-required", "API access needs the Pro or Team plan",
        "Plan required", "This needs the Pro or Team plan.", ExitCode: 3);
    public static PortalError RoleForbidden { get; } = new("role-forbidden", 403, "role-forbidden", "Your role does not allow this",
        "Not allowed", "Your role in this workspace does not allow this. Ask an owner or admin.", ExitCode: 3);
    public static PortalError NotFound { get; } = new("not-found", 404, "not-found", "Not found",
        "Not found", "There is nothing here by that name in this workspace.");
    public static PortalError MethodNotAllowed { get; } = new("method-not-allowed", 405, "method-not-allowed", "Method not allowed",
        "Not allowed", "This address does not take that method.");
    public static PortalError JobNotReady { get; } = new("job-not-ready", 409, "job-not-ready", "The job is not finished",
        "Not ready", "The job has no output yet.");
    public static PortalError JobRunning { get; } = new("job-running", 409, "job-running", "The job is still running",
        "Still running", "The job can be deleted once it has finished.");
    public static PortalError IdempotencyInProgress { get; } = new("idempotency-in-progress", 409, "idempotency-in-progress", "Request in progress",
        "In progress", "The same request is still being processed; repeat it shortly.");
    public static PortalError JobExpired { get; } = new("job-expired", 410, "job-expired", "The output was deleted",
        "Expired", "The job's files were deleted after the retention period.");
    public static PortalError PayloadTooLarge { get; } = new("payload-too-large", 413, "payload-too-large", "The request body is too large",
        "Too large", "The request is larger than this server accepts.");
    public static PortalError UnsupportedMediaType { get; } = new("unsupported-media-type", 415, "unsupported-media-type", "Unsupported request Content-Type",
        "Wrong kind of request", "This address takes another Content-Type.");
    public static PortalError IdempotencyKeyReused { get; } = new("idempotency-key-reused", 422, "idempotency-key-reused", "Idempotency key reused",
        "Key reused", "The key was already used for a different request in the last 24 hours.");
    public static PortalError InvalidWebhook { get; } = new("invalid-webhook", 400, "invalid-webhook", "Invalid webhook endpoint",
        "Invalid webhook", "The webhook endpoint has invalid fields.");
    public static PortalError InvalidPreset { get; } = new("invalid-preset", 400, "invalid-preset", "Invalid preset",
        "Invalid preset", "The preset has invalid fields; each says why.");
    public static PortalError PresetReadOnly { get; } = new("preset-read-only", 409, "preset-read-only", "The preset cannot be changed",
        "Read-only preset", "Built-in presets cannot be changed or deleted; save a copy under another name.");
    public static PortalError NameTaken { get; } = new("name-taken", 409, "name-taken", "The name is taken",
        "Name taken", "Something in this workspace already has that name.");
    public static PortalError InvalidStorage { get; } = new("invalid-storage", 400, "invalid-storage", "Invalid storage destination",
        "Invalid destination", "The storage destination has invalid fields; each says why.");
    public static PortalError StorageCheckFailed { get; } = new("storage-check-failed", 422, "storage-check-failed", "The storage destination did not accept a test file",
        "Storage check failed", "Konvrt could not write and delete a test file in the bucket.", MessageSaysMore: true);
    public static PortalError RateLimited { get; } = new("rate-limited", 429, "rate-limited", "Too many requests",
        "Too many requests", "Too many requests in the last minute; wait as Retry-After says.");
    public static PortalError TemporarilyUnavailable { get; } = new("temporarily-unavailable", 503, "temporarily-unavailable", "The server is busy",
        "Busy", "The database did not answer in time. Nothing was changed; try again shortly.");
    public static PortalError InsufficientStorage { get; } = new("insufficient-storage", 507, "insufficient-storage", "The server is out of storage space",
        "Out of space", "The server's disk is full; nothing of the request was kept. Try again later.");

    public static IReadOnlyList<PortalError> All { get; } =
    [
        UnsupportedFormat, InvalidImage, InputTooLarge, ImageTooLarge, TooManyFrames,
        SourceUnreachable, SourceTooLarge, SourceNotImage, InvalidOptions,
        InputMissing, Timeout, AttemptsExhausted, Internal,
        BadRequest, MalformedRequest, Unauthorized, InsufficientCredits, PlanRequired, RoleForbidden, NotFound, MethodNotAllowed,
        JobNotReady, JobRunning, IdempotencyInProgress, JobExpired, PayloadTooLarge, UnsupportedMediaType,
        IdempotencyKeyReused, InvalidWebhook, InvalidPreset, PresetReadOnly, NameTaken, InvalidStorage, StorageCheckFailed, RateLimited, TemporarilyUnavailable, InsufficientStorage,
    ];

    /// <summary>The row for a job's stored code; an unknown code is our failure.</summary>
    public static PortalError ForCode(string? code) => All.FirstOrDefault(error => error.Code == code) ?? Internal;

    /// <summary>The type of a bare status, when no endpoint said more.</summary>
    public static string TypeForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest.Type,
        StatusCodes.Status401Unauthorized => Unauthorized.Type,
        StatusCodes.Status404NotFound => NotFound.Type,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed.Type,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge.Type,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType.Type,
        StatusCodes.Status500InternalServerError => Internal.Type,
        StatusCodes.Status503ServiceUnavailable => TemporarilyUnavailable.Type,
        StatusCodes.Status507InsufficientStorage => InsufficientStorage.Type,
        _ => TypeBase + "http-" + status,
    };
}
