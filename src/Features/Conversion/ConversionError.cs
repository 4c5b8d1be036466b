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

public sealed class ConversionException(ConversionError error, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ConversionError Error { get; } = error;
}
