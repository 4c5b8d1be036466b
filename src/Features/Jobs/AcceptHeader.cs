using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Presets;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// <c>format=auto</c> without an <c>accept</c> option takes the formats from the convert request's Accept header,
/// as a browser or CDN sends it: the image types it names (a q of 0 refuses one), and where it has a wildcard
/// (<c>image/*</c>, <c>*/*</c>) the formats every current browser shows.
/// </summary>
public static class AcceptHeader
{
    public static IReadOnlyList<OutputDefinition> Apply(IReadOnlyList<OutputDefinition> outputs, StringValues header)
    {
        if (!outputs.Any(output => output.Options is { Format: OutputFormat.Auto, Accept: null }) || Formats(header) is not { } accepted)
        {
            return outputs;
        }
        return [.. outputs.Select(output => output.Options is { Format: OutputFormat.Auto, Accept: null }
            ? output with { Options = output.Options with { Accept = accepted } }
            : output)];
    }

    /// <summary>The formats the header accepts; null when it says nothing about images (<c>application/json</c>) or nothing at all.</summary>
    public static AcceptedFormats? Formats(StringValues header)
    {
        if (!MediaTypeHeaderValue.TryParseList(header, out var types))
        {
            return null;
        }
        var accepted = AcceptedFormats.None;
        var refused = AcceptedFormats.None;
        var wildcard = false;
        foreach (var type in types)
        {
            var zero = type.Quality is 0;
            if (type.MediaType.Equals("*/*", StringComparison.Ordinal) || type.MediaType.Equals("image/*", StringComparison.OrdinalIgnoreCase))
            {
                wildcard |= !zero;
                continue;
            }
            if (type.Type.Equals("image", StringComparison.OrdinalIgnoreCase)
                && OutputFormats.TryParse(type.SubType.Value, out var format) && format.AcceptedFlag() is var flag and not AcceptedFormats.None)
            {
                if (zero)
                {
                    refused |= flag;
                }
                else
                {
                    accepted |= flag;
                }
            }
        }
        if (wildcard)
        {
            accepted |= Conversion.Output.AutoFormat.Universal;
        }
        accepted &= ~refused;
        return accepted == AcceptedFormats.None ? null : accepted;
    }
}
