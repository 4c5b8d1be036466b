using System.Globalization;
using System.Text.Json;

namespace Konvrt.Client;

/// <summary>How to convert: the image's options, or several <see cref="Outputs"/>, and what the request does with them.</summary>
public sealed record ConvertOptions : ImageOptions
{
    /// <summary>Several outputs of every source, each with its own options.</summary>
    public IReadOnlyList<ConvertOutput>? Outputs { get; init; }

    /// <summary>A storage destination of the workspace to store the outputs in.</summary>
    public string? Storage { get; init; }

    /// <summary>Where to POST this job's events, besides the workspace's endpoints.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>Answer at once with the queued job instead of waiting for small ones to finish.</summary>
    public bool Async { get; init; }

    /// <summary>The request's form fields.</summary>
    internal IEnumerable<KeyValuePair<string, string>> ToFields()
    {
        var fields = Set().Select(field => KeyValuePair.Create(field.Key, Convert.ToString(field.Value, CultureInfo.InvariantCulture)!)).ToList();
        if (Storage is not null)
        {
            fields.Add(new("storage", Storage));
        }
        if (WebhookUrl is not null)
        {
            fields.Add(new("webhookUrl", WebhookUrl.AbsoluteUri));
        }
        if (Async)
        {
            fields.Add(new("async", "true"));
        }
        if (Outputs is { Count: > 0 })
        {
            fields.Add(new("outputs", JsonSerializer.Serialize(Outputs.Select(output => output.ToJson()).ToList(), KonvrtJson.Default.ListDictionaryStringObject)));
        }
        return fields;
    }
}

/// <summary>One named output: its options (or a preset it starts from), and where to store it.</summary>
public sealed record ConvertOutput(string Name) : ImageOptions
{
    /// <summary>The key in the storage destination, with <c>{variables}</c>.</summary>
    public string? Path { get; init; }

    internal Dictionary<string, object?> ToJson()
    {
        var json = new Dictionary<string, object?> { ["name"] = Name };
        foreach (var (name, value) in Set())
        {
            json[name] = value;
        }
        if (Path is not null)
        {
            json["path"] = Path;
        }
        return json;
    }
}
