using System.Globalization;

namespace Konvrt.Client;

/// <summary>
/// How to convert, as the API's fields name it (every one optional: the server's defaults apply). Anything this type
/// does not name yet goes in <see cref="Fields"/>, sent as it is.
/// </summary>
public sealed record ConvertOptions
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

    /// <summary>A preset of the workspace or a built-in one (<c>web</c>, <c>thumbnail</c>, <c>avatar</c>).</summary>
    public string? Preset { get; init; }

    /// <summary>Several outputs of every source, each with its own options.</summary>
    public IReadOnlyList<ConvertOutput>? Outputs { get; init; }

    /// <summary>A storage destination of the workspace to store the outputs in.</summary>
    public string? Storage { get; init; }

    /// <summary>Where to POST this job's events, besides the workspace's endpoints.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>Answer at once with the queued job instead of waiting for small ones to finish.</summary>
    public bool Async { get; init; }

    /// <summary>Any other field of the API, by its name (e.g. <c>crop</c>, <c>background</c>, <c>lossless</c>).</summary>
    public IReadOnlyDictionary<string, string>? Fields { get; init; }

    /// <summary>The request's fields, in the form the API reads them.</summary>
    internal IEnumerable<KeyValuePair<string, string>> ToFields()
    {
        var fields = new List<KeyValuePair<string, string>>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                fields.Add(new(name, Convert.ToString(value, CultureInfo.InvariantCulture)!));
            }
        }
        Add("format", Format);
        Add("quality", Quality);
        Add("width", Width);
        Add("height", Height);
        Add("maxWidth", MaxWidth);
        Add("maxHeight", MaxHeight);
        Add("fit", Fit);
        Add("preset", Preset);
        Add("storage", Storage);
        Add("webhookUrl", WebhookUrl?.AbsoluteUri);
        if (Async)
        {
            Add("async", "true");
        }
        if (Outputs is { Count: > 0 })
        {
            Add("outputs", System.Text.Json.JsonSerializer.Serialize(Outputs.Select(output => output.ToJson()).ToList(), KonvrtJson.Default.ListDictionaryStringObject));
        }
        foreach (var (name, value) in Fields ?? new Dictionary<string, string>())
        {
            Add(name, value);
        }
        return fields;
    }
}

/// <summary>One named output: its options, a preset it starts from, and where to store it (<c>path</c>).</summary>
public sealed record ConvertOutput(string Name)
{
    public string? Format { get; init; }

    public int? Quality { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public int? MaxWidth { get; init; }

    public int? MaxHeight { get; init; }

    public string? Fit { get; init; }

    public string? Preset { get; init; }

    /// <summary>The key in the storage destination, with <c>{variables}</c>.</summary>
    public string? Path { get; init; }

    internal Dictionary<string, object?> ToJson()
    {
        var json = new Dictionary<string, object?> { ["name"] = Name };
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                json[name] = value;
            }
        }
        Add("format", Format);
        Add("quality", Quality);
        Add("width", Width);
        Add("height", Height);
        Add("maxWidth", MaxWidth);
        Add("maxHeight", MaxHeight);
        Add("fit", Fit);
        Add("preset", Preset);
        Add("path", Path);
        return json;
    }
}
