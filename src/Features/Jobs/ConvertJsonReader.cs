using System.Text.Json;
using Konvrt.Portal.Features.Presets;
using Konvrt.Portal.Infrastructure.Errors;
using Konvrt.Portal.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// Reads <c>POST /convert</c>'s JSON body: sources by URL (<c>url</c>, or <c>urls</c> as strings or
/// <c>{ "url": …, "variables": { … } }</c>), and every other property as the field a form would carry. JSON
/// carries no files, so the body is small and read whole (capped at 1 MB).
/// </summary>
internal static class ConvertJsonReader
{
    public const string UrlsField = "urls";

    public static async Task<(ConvertForm? Form, ProblemHttpResult? Refusal)> ReadAsync(HttpRequest request, int maxSources, CancellationToken cancellationToken)
    {
        var text = await BoundedBody.ReadTextAsync(request, (int)BoundedBody.DefaultMaxBytes, cancellationToken);
        if (text is null)
        {
            return (null, ErrorCatalog.PayloadTooLarge.Result($"A JSON convert request is at most {BoundedBody.DefaultMaxBytes / 1024} KB; it carries URLs, not images."));
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException invalid)
        {
            return (null, Malformed($"The JSON body could not be read: {invalid.Message}"));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Malformed("The JSON body must be an object: { \"url\": \"https://…\", <options> }."));
            }
            var fields = new List<KeyValuePair<string, string?>>();
            var urls = new List<ConvertForm.UrlEntry>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals(ConvertRequestReader.UrlField))
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        return (null, Malformed("'url' must be a string; give several as 'urls'."));
                    }
                    urls.Add(new ConvertForm.UrlEntry(ConvertRequestReader.UrlField, property.Value.GetString()!.Trim(), Variables: null));
                }
                else if (property.NameEquals(UrlsField))
                {
                    if (ReadUrls(property.Value, urls) is { } problem)
                    {
                        return (null, Malformed(problem));
                    }
                }
                else
                {
                    fields.Add(KeyValuePair.Create(property.Name, OutputDefinitions.Text(property.Value)));
                }
            }
            if (urls.Count > maxSources)
            {
                return (null, Malformed($"A request carries at most {maxSources} sources; send the rest in another request."));
            }
            return (new ConvertForm(fields, [], urls), null);
        }
    }

    private static string? ReadUrls(JsonElement urls, List<ConvertForm.UrlEntry> entries)
    {
        if (urls.ValueKind != JsonValueKind.Array)
        {
            return "'urls' must be an array of URLs, or of { \"url\": …, \"variables\": { … } }.";
        }
        var index = 0;
        foreach (var entry in urls.EnumerateArray())
        {
            var at = $"{UrlsField}[{index++}]";
            switch (entry.ValueKind)
            {
                case JsonValueKind.String:
                    entries.Add(new ConvertForm.UrlEntry(at, entry.GetString()!.Trim(), Variables: null));
                    break;
                case JsonValueKind.Object when entry.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String:
                    var variables = entry.TryGetProperty("variables", out var given) ? ConvertVariables.Read(given) : null;
                    if (entry.TryGetProperty("variables", out _) && variables is null)
                    {
                        return $"{at}.variables must be an object of names to text values.";
                    }
                    entries.Add(new ConvertForm.UrlEntry(at, url.GetString()!.Trim(), variables));
                    break;
                default:
                    return $"{at} must be a URL, or {{ \"url\": …, \"variables\": {{ … }} }}.";
            }
        }
        return null;
    }

    private static ProblemHttpResult Malformed(string detail) => ErrorCatalog.MalformedRequest.Result(detail);
}
