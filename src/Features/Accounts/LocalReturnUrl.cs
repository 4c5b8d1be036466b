namespace Konvrt.Portal.Features.Accounts;

/// <summary>
/// Where a log-in, log-out or sign-up may send the user next: only somewhere on this site. Anything else —
/// another host (<c>https://evil.example</c>, <c>//evil.example</c>, <c>/\evil.example</c>), another scheme
/// (<c>javascript:</c>, <c>https:evil.example</c>), or a URL a browser would read differently than we do
/// (whitespace, control characters, backslashes) — sends the user to the site's root instead of failing.
/// </summary>
public static class LocalReturnUrl
{
    /// <summary>
    /// The URL to navigate to, relative to <paramref name="baseUri"/>: a local URL as it is, an absolute URL of
    /// this very site made base-relative, and anything else "" (the root).
    /// </summary>
    public static string Resolve(string? url, Uri baseUri)
    {
        if (string.IsNullOrEmpty(url)
            || url.Any(character => char.IsControl(character) || char.IsWhiteSpace(character) || character == '\\')
            || url.StartsWith("//", StringComparison.Ordinal))
        {
            return "";
        }
        if (!HasScheme(url))
        {
            return url;
        }
        return Uri.TryCreate(url, UriKind.Absolute, out var absolute)
            && absolute.Scheme is "http" or "https"
            && string.Equals(absolute.GetLeftPart(UriPartial.Authority), baseUri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            && absolute.AbsoluteUri.StartsWith(baseUri.AbsoluteUri, StringComparison.Ordinal)
                ? absolute.AbsoluteUri[baseUri.AbsoluteUri.Length..]
                : "";
    }

    /// <summary>A colon before the path, query or fragment starts is a scheme, as browsers read it.</summary>
    private static bool HasScheme(string url)
    {
        var end = url.IndexOfAny(['/', '?', '#']);
        return (end < 0 ? url : url[..end]).Contains(':', StringComparison.Ordinal);
    }
}
