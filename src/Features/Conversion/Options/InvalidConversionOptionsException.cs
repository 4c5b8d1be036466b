namespace Konvrt.Portal.Features.Conversion.Options;

/// <summary>Every bad option at once, by name, each with the reasons it was refused.</summary>
public sealed class InvalidConversionOptionsException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("Invalid conversion options. " + string.Join(" ", errors.Select(error => $"{error.Key}: {string.Join(" ", error.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
