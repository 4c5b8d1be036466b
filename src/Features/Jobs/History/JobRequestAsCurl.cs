using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Konvrt.Portal.Features.Presets;

namespace Konvrt.Portal.Features.Jobs.History;

/// <summary>
/// The API request that makes the same job again, as a curl command to paste into a shell: the file (or the
/// address it was fetched from), each output with its options, the storage destination. The key is left as
/// <c>$KONVRT_API_KEY</c>: a portal page never holds one.
/// </summary>
public static class JobRequestAsCurl
{
    public static string For(ConversionJob job, string baseUrl)
    {
        var fields = new List<string>
        {
            job.SourceUrl is { } url ? $"url={url}" : $"file=@{job.SourceFileName}",
        };
        var outputs = job.Outputs.OrderBy(output => output.Index).ToList();
        if (outputs is [{ Name: OutputDefinition.DefaultName } only])
        {
            fields.AddRange(only.Options.ToFields().Select(field => $"{field.Key}={field.Value}"));
        }
        else
        {
            var described = new JsonArray([.. outputs.Select(output =>
            {
                var entry = new JsonObject { ["name"] = output.Name };
                foreach (var (name, value) in output.Options.ToFields())
                {
                    entry[name] = value;
                }
                return (JsonNode)entry;
            })]);
            fields.Add("outputs=" + described.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
        if (job.StorageName is { } storage)
        {
            fields.Add($"storage={storage}");
        }

        var command = new StringBuilder("curl -H \"Authorization: Bearer $KONVRT_API_KEY\" \\\n");
        foreach (var field in fields)
        {
            command.Append("     -F ").Append(Quote(field)).Append(" \\\n");
        }
        return command.Append("     ").Append(Quote(baseUrl.TrimEnd('/') + "/api/v1/convert")).ToString();
    }

    /// <summary>Single quotes keep every character as it is in a POSIX shell; a quote inside ends, escapes and reopens them.</summary>
    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
