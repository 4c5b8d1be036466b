using System.Text;
using System.Text.RegularExpressions;

namespace Konvrt.Portal.Features.Presets;

/// <summary>
/// Key templates for the workspace's own bucket: <c>products/{productId}/main.webp</c>. The portal fills
/// <c>{jobId}</c>, <c>{name}</c> (the output's), <c>{ext}</c> (its format's extension) and <c>{input}</c> (the
/// source's file name without its extension); anything else comes from the request's <c>variables</c>.
/// </summary>
public static partial class StoragePaths
{
    public const string Default = "{jobId}/{name}.{ext}";

    /// <summary>
    /// What <c>{ext}</c> stays while the format is still to be chosen (<c>format=auto</c>): the key is made when the
    /// job is, and <see cref="FillExtension"/> completes it once the output is.
    /// </summary>
    public const string ExtensionPlaceholder = "{ext}";
    public static readonly IReadOnlyList<string> Filled = ["jobId", "name", "ext", "input"];
    private const int MaxKeyLength = 1024;

    /// <summary>Why a template cannot be used, or null.</summary>
    public static string? ProblemWith(string template)
    {
        if (template.Length > MaxKeyLength || template.StartsWith('/') || template.Contains("//", StringComparison.Ordinal)
            || template.Split('/').Any(segment => segment is "." or ".."))
        {
            return "must be a relative key: no leading '/', no empty, '.' or '..' segments, at most 1024 characters.";
        }
        return Placeholder().Matches(template).Any(match => match.Groups[1].Value.Length == 0)
            ? "has an empty placeholder '{}'."
            : null;
    }

    /// <summary>The placeholders a template needs from the request's variables.</summary>
    public static IEnumerable<string> VariablesOf(string template) =>
        Placeholder().Matches(template).Select(match => match.Groups[1].Value).Where(name => !Filled.Contains(name)).Distinct();

    /// <summary>The key, or null with the reason when a variable is missing or a value cannot go in a key.</summary>
    public static (string? Key, string? Problem) Resolve(string template, IReadOnlyDictionary<string, string> values)
    {
        var missing = new List<string>();
        var key = Placeholder().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (!values.TryGetValue(name, out var value))
            {
                missing.Add(name);
                return "";
            }
            return value;
        });
        if (missing.Count > 0)
        {
            return (null, $"needs variables {string.Join(", ", missing.Distinct().Select(name => $"'{name}'"))}: give them in 'variables'.");
        }
        var problem = ProblemWith(key)
            ?? (Encoding.UTF8.GetByteCount(key) > MaxKeyLength || key.Any(char.IsControl) ? "is longer than 1024 bytes or holds control characters." : null);
        if (problem is not null)
        {
            return (null, $"makes the key '{key}', which {problem}");
        }
        return (key, null);
    }

    /// <summary>
    /// The key one output of one job is stored under: its template (or <see cref="Default"/>) filled with the job's
    /// own values and the request's <paramref name="variables"/>. The request is checked with this before any job
    /// exists, so a job never meets a template it cannot fill.
    /// </summary>
    public static (string? Key, string? Problem) KeyFor(
        string? template, Guid jobId, string outputName, string extension, string sourceFileName, IReadOnlyDictionary<string, string>? variables)
    {
        var values = new Dictionary<string, string>(variables ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["jobId"] = jobId.ToString(),
            ["name"] = outputName,
            ["ext"] = extension.Length == 0 ? ExtensionPlaceholder : extension.TrimStart('.'),
            ["input"] = Path.GetFileNameWithoutExtension(sourceFileName) is { Length: > 0 } stem ? stem : "image",
        };
        return Resolve(template ?? Default, values);
    }

    public static string FillExtension(string key, string extension) =>
        key.Replace(ExtensionPlaceholder, extension.TrimStart('.'), StringComparison.Ordinal);

    [GeneratedRegex(@"\{([A-Za-z0-9_-]*)\}")]
    private static partial Regex Placeholder();
}
