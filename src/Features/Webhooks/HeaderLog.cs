using System.Net.Http.Headers;

namespace Konvrt.Portal.Features.Webhooks;

/// <summary>Headers as the delivery log shows them: one "name: value" a line, names in lower case, cut at the log's limit.</summary>
public static class HeaderLog
{
    public static string Of(params HttpHeaders[] groups)
    {
        var lines = groups.SelectMany(headers => headers)
            .Select(header => $"{header.Key.ToLowerInvariant()}: {string.Join(", ", header.Value)}");
        var text = string.Join('\n', lines);
        return text.Length <= WebhooksOptions.MaxHeaderLogChars ? text : text[..(WebhooksOptions.MaxHeaderLogChars - 1)] + "…";
    }

    /// <summary>The lines back as pairs, to show as a table.</summary>
    public static IEnumerable<(string Name, string Value)> Lines(string? log) =>
        (log ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? (line[..colon], line[(colon + 1)..].Trim()) : (line, ""));
}
