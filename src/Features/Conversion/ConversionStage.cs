namespace Konvrt.Portal.Features.Conversion;

/// <summary>The engine's stages, reported as each one ends so a caller can timestamp them as they happen.</summary>
public enum ConversionStage
{
    Validated,
    Decoded,
    Transformed,
    Encoded,
}
