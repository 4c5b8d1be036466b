using Konvrt.Portal.Infrastructure.Errors;

namespace Konvrt.Portal.Features.Conversion;

/// <summary>Every way a conversion can be refused. Each maps to one HTTP status and one problem type.</summary>
public enum ConversionError
{
    /// <summary>The bytes are not an image format Konvrt reads (415).</summary>
    UnsupportedFormat,
    /// <summary>The bytes claim a supported format but are corrupt or truncated (422).</summary>
    InvalidImage,
    /// <summary>The upload has more bytes than <c>Conversion:Limits:MaxInputBytes</c> (413).</summary>
    InputTooLarge,
    /// <summary>Too many pixels in a frame or in the whole animation, or more memory than allowed (422).</summary>
    ImageTooLarge,
    /// <summary>More frames than <c>Conversion:Limits:MaxFrames</c> (422).</summary>
    TooManyFrames,
}

public static class ConversionErrors
{
    /// <summary>The error's row in the one table: its code, status, problem type and words.</summary>
    public static PortalError Describe(this ConversionError error) => error switch
    {
        ConversionError.UnsupportedFormat => ErrorCatalog.UnsupportedFormat,
        ConversionError.InvalidImage => ErrorCatalog.InvalidImage,
        ConversionError.InputTooLarge => ErrorCatalog.InputTooLarge,
        ConversionError.ImageTooLarge => ErrorCatalog.ImageTooLarge,
        ConversionError.TooManyFrames => ErrorCatalog.TooManyFrames,
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    };

    /// <summary>The stable code of an error, as jobs record it and clients switch on it.</summary>
    public static string Code(this ConversionError error) => error.Describe().Code;

    /// <summary>The upload is over the byte limit: one message wherever the limit is enforced.</summary>
    public static ConversionException InputTooLarge(long maxBytes) =>
        new(ConversionError.InputTooLarge, $"The file is larger than the {maxBytes / (1024 * 1024)} MB this server accepts.");
}

public sealed class ConversionException(ConversionError error, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ConversionError Error { get; } = error;
}
