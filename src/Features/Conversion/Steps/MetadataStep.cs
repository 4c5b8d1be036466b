using Konvrt.Portal.Features.Conversion.Options;

namespace Konvrt.Portal.Features.Conversion.Steps;

/// <summary>
/// Strips EXIF (camera serials, GPS), IPTC and XMP unless the caller asked to keep them. Colour
/// profiles were already applied to the pixels at decode time, so nothing of the colour is lost.
/// </summary>
public sealed class MetadataStep : IConversionStep
{
    public static BooleanOption KeepMetadata { get; } = new("keepMetadata", "Keep metadata (EXIF, colour profile)",
        "Keep EXIF, IPTC and XMP. By default they are stripped (camera serials, GPS); colour is always kept right.",
        options => options.KeepMetadata, (options, value) => options with { KeepMetadata = value });

    public void Apply(ConvertingImage image)
    {
        if (image.Options.KeepMetadata)
        {
            return;
        }
        var metadata = image.Image.Metadata;
        metadata.ExifProfile = null;
        metadata.IptcProfile = null;
        metadata.XmpProfile = null;
        metadata.IccProfile = null;
        foreach (var frame in image.Image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IccProfile = null;
        }
    }
}
