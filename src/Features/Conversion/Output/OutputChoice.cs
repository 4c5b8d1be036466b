using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Conversion.Steps;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>
/// What <c>format=auto</c> and <c>quality=auto</c> still decide once the pixels are finished, by encoding them more
/// than once: the quality (<see cref="QualitySearch"/>), or the smaller of the two best formats. When quality is auto
/// too, the format is the preferred one alone, so an output never costs more than three encodes.
/// </summary>
internal static class OutputChoice
{
    public sealed record Chosen(byte[] Bytes, OutputFormat Format, int? Quality);

    /// <summary>The bytes chosen, or null when there was nothing to choose and the encoder may write straight to the destination.</summary>
    public static async Task<Chosen?> ChooseAsync(
        ConvertingImage image, IReadOnlyList<OutputFormat> candidates, Func<OutputFormat, IOutputEncoder> encoderFor, CancellationToken cancellationToken)
    {
        var options = image.Options;
        // Animations keep the quality asked (or the format's default): a search would encode every frame three times.
        var animated = image.Image.Frames.Count > 1 && options.Format.KeepsAnimation();
        if (options.AutoQuality is { } target && options.Format.IsLossy() && !options.Lossless && !animated)
        {
            var found = await QualitySearch.SearchAsync(encoderFor(options.Format), image, target, cancellationToken);
            return new Chosen(found.Bytes, options.Format, found.Quality);
        }
        if (AutoFormat.WorthComparing(candidates, options) && !animated)
        {
            var first = await encoderFor(candidates[0]).EncodeToBytesAsync(image, cancellationToken);
            image.Reconfigure(options with { Format = candidates[1] });
            var second = await encoderFor(candidates[1]).EncodeToBytesAsync(image, cancellationToken);
            image.Reconfigure(options);
            return second.Length < first.Length ? new Chosen(second, candidates[1], null) : new Chosen(first, candidates[0], null);
        }
        return null;
    }
}
