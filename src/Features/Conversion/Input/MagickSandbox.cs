using ImageMagick;
using ImageMagick.Configuration;

namespace Konvrt.Portal.Features.Conversion.Input;

/// <summary>
/// Defence in depth for ImageMagick: besides only ever being handed bytes already detected as HEIF or
/// AVIF, the process-wide security policy allows no other coder at all (no MVG, MSL, SVG, text, URL…)
/// and caps the dimensions it will allocate for. (The last matching rule wins, so AVIF gets both rights in one.)
/// </summary>
internal static class MagickSandbox
{
    private const string Policy = """
        <policymap>
          <policy domain="delegate" rights="none" pattern="*" />
          <policy domain="path" rights="none" pattern="@*" />
          <policy domain="coder" rights="none" pattern="*" />
          <policy domain="coder" rights="read" pattern="{HEIC,HEIF}" />
          <policy domain="coder" rights="read|write" pattern="AVIF" />
        </policymap>
        """;

    private static readonly Lock Gate = new();
    private static bool applied;

    public static void Apply(ConversionLimits limits)
    {
        lock (Gate)
        {
            if (applied)
            {
                return;
            }
            var configuration = ConfigurationFiles.Default;
            configuration.Policy.Data = Policy;
            MagickNET.Initialize(configuration);
            var side = (ulong)Math.Min(65535, Math.Ceiling(Math.Sqrt(limits.MaxPixelsPerFrame) * 8));
            ResourceLimits.Width = side;
            ResourceLimits.Height = side;
            ResourceLimits.ListLength = 64;
            applied = true;
        }
    }
}
