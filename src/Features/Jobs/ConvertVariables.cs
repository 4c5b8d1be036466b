using System.Text.Json;
using Konvrt.Portal.Features.Presets;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>A request's <c>variables</c>: names to text values for the outputs' path templates (numbers are taken as their text).</summary>
internal static class ConvertVariables
{
    public const int MaxVariables = 32;
    public const int MaxValueLength = 256;

    /// <summary>The variables, or null when the JSON is not an object of at most 32 short scalar values.</summary>
    public static IReadOnlyDictionary<string, string>? Read(JsonElement variables)
    {
        if (variables.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in variables.EnumerateObject())
        {
            if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number) || values.Count == MaxVariables
                || OutputDefinitions.Text(property.Value) is not { Length: <= MaxValueLength } value)
            {
                return null;
            }
            values[property.Name] = value;
        }
        return values;
    }

    /// <summary>Variables given as a form field's JSON text.</summary>
    public static IReadOnlyDictionary<string, string>? Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
