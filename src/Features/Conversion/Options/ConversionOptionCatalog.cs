using Konvrt.Portal.Features.Conversion.Output;
using Konvrt.Portal.Features.Conversion.Steps;

namespace Konvrt.Portal.Features.Conversion.Options;

/// <summary>
/// Every conversion option and cross-option rule, gathered from the steps and encoders that declare them. The
/// order is the contract's: canonical texts, the OpenAPI schema, the CLI's help and the portal's form follow it.
/// Adding an option is one declaration in its owner, its line here, its step and its tests.
/// </summary>
public static class ConversionOptionCatalog
{
    public static IReadOnlyList<ConversionOption> All { get; } =
    [
        OutputFormats.Option,
        AutoFormat.Accept,
        LossyQuality.Option,
        ResizeStep.Width,
        ResizeStep.Height,
        ResizeStep.MaxWidth,
        ResizeStep.MaxHeight,
        ResizeStep.Fit,
        ResizeStep.Crop,
        FlattenStep.Background,
        ResizeStep.Enlarge,
        WebpOutputEncoder.Lossless,
        MetadataStep.KeepMetadata,
        JpegOutputEncoder.Progressive,
        PngOutputEncoder.CompressionLevel,
        PngOutputEncoder.Palette,
    ];

    public static IReadOnlyList<ConversionRule> Rules { get; } =
    [
        ResizeStep.CropMeansCover,
        ResizeStep.FitNeedsABox,
        WebpOutputEncoder.LosslessFormats,
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(option => option.Name)];

    /// <summary>The option of that name, matched without regard to case.</summary>
    public static ConversionOption? Find(string name) =>
        All.FirstOrDefault(option => option.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
