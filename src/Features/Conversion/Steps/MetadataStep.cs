namespace Konvrt.Portal.Features.Conversion.Steps;

/// <summary>
/// Strips EXIF (camera serials, GPS), IPTC and XMP unless the caller asked to keep them. Colour
/// profiles were already applied to the pixels at decode time, so nothing of the colour is lost.
/// </summary>
public sealed class MetadataStep : IConversionStep
{
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
