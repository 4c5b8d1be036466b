using System.Text.RegularExpressions;

namespace Konvrt.Portal.Infrastructure.Storage;

/// <summary>Keys are plain relative paths: no "..", no absolute paths, nothing a store could misread.</summary>
public static partial class BlobKey
{
    public static string Validate(string key) =>
        SafeKey().IsMatch(key) && !key.Split('/').Any(segment => segment is "." or "..")
            ? key
            : throw new ArgumentException($"'{key}' is not a valid blob key.", nameof(key));

    [GeneratedRegex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")]
    private static partial Regex SafeKey();
}
