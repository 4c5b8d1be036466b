using System.Globalization;

namespace Konvrt.Client;

/// <summary>The options of an image, as the API's fields name them; every one optional (the server's defaults apply).</summary>
public abstract record ImageOptions
{
    /// <summary><c>webp</c>, <c>avif</c>, <c>jpeg</c>, <c>png</c>, <c>gif</c> or <c>auto</c>.</summary>
    public string? Format { get; init; }

    /// <summary>1–100, or <c>auto</c>, <c>auto:high</c>, <c>auto:good</c>, <c>auto:eco</c>.</summary>
    public string? Quality { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public int? MaxWidth { get; init; }

    public int? MaxHeight { get; init; }

    /// <summary><c>contain</c>, <c>cover</c>, <c>fill</c>, <c>inside</c> or <c>outside</c>.</summary>
    public string? Fit { get; init; }

    /// <summary>A preset of the workspace or a built-in one (<c>web</c>, <c>thumbnail</c>, <c>avatar</c>) to start from.</summary>
    public string? Preset { get; init; }

    /// <summary>Any other option of the API, by its name (e.g. <c>crop</c>, <c>background</c>, <c>lossless</c>).</summary>
    public IReadOnlyDictionary<string, string>? Fields { get; init; }

    /// <summary>Each option that is set, by its API name.</summary>
    internal IEnumerable<KeyValuePair<string, object>> Set()
    {
        var set = new List<KeyValuePair<string, object>>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                set.Add(new(name, value));
            }
        }
        Add("format", Format);
        // A number goes as a number in JSON; the words (auto…) as they are.
        Add("quality", int.TryParse(Quality, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : Quality);
        Add("width", Width);
        Add("height", Height);
        Add("maxWidth", MaxWidth);
        Add("maxHeight", MaxHeight);
        Add("fit", Fit);
        Add("preset", Preset);
        foreach (var (name, value) in Fields ?? new Dictionary<string, string>())
        {
            Add(name, value);
        }
        return set;
    }
}
