using System.Text.Json;
using Konvrt.Portal.Features.Conversion.Options;

namespace Konvrt.Portal.Features.Presets;

/// <summary>
/// Reads output definitions from JSON as requests and presets write them: <c>{ "name": "main", "preset": "web",
/// "path": "products/{productId}/main.webp", &lt;any conversion option&gt; }</c>. A <c>preset</c> inside an entry
/// lends its options, which the entry's own options override. Every error is reported, by field.
/// </summary>
public static class OutputDefinitions
{
    private const string NameField = "name";
    private const string PresetField = "preset";
    private const string PathField = "path";

    /// <param name="presetOptions">The options of a one-output preset by name, or null when there is none by that name.</param>
    public static IReadOnlyList<OutputDefinition> Parse(
        JsonElement outputs, Func<string, IReadOnlyList<KeyValuePair<string, string>>?> presetOptions, string field, IDictionary<string, string[]> errors)
    {
        if (outputs.ValueKind != JsonValueKind.Array)
        {
            errors[field] = [$"must be an array of 1 to {OutputDefinition.MaxOutputs} outputs."];
            return [];
        }
        return Parse([.. outputs.EnumerateArray().Select(entry => entry.ValueKind == JsonValueKind.Object ? Fields(entry) : null)], presetOptions, field, errors);
    }

    /// <summary>Definitions from entries already read as name/value fields; a null entry was not an object.</summary>
    public static IReadOnlyList<OutputDefinition> Parse(
        IReadOnlyList<IReadOnlyDictionary<string, string?>?> entries, Func<string, IReadOnlyList<KeyValuePair<string, string>>?> presetOptions,
        string field, IDictionary<string, string[]> errors)
    {
        if (entries.Count is 0 or > OutputDefinition.MaxOutputs)
        {
            errors[field] = [$"must be an array of 1 to {OutputDefinition.MaxOutputs} outputs."];
            return [];
        }
        var definitions = new List<OutputDefinition>();
        for (var index = 0; index < entries.Count; index++)
        {
            var at = $"{field}[{index}]";
            if (entries[index] is not { } fields)
            {
                errors[at] = ["must be an object: { \"name\": …, <options> }."];
            }
            else if (Read(fields, presetOptions, at, errors, defaultName: null) is { } definition)
            {
                definitions.Add(definition);
            }
        }
        foreach (var duplicate in definitions.GroupBy(definition => definition.Name).Where(group => group.Count() > 1))
        {
            errors[field] = [$"output names must differ; '{duplicate.Key}' is given more than once."];
        }
        return definitions;
    }

    /// <summary>A JSON object's properties as the fields a form would carry.</summary>
    public static IReadOnlyDictionary<string, string?> Fields(JsonElement entry) =>
        entry.EnumerateObject().GroupBy(property => property.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => Text(group.Last().Value), StringComparer.OrdinalIgnoreCase);

    /// <summary>One definition from name/value fields (a form, a JSON object), or null with its errors recorded.</summary>
    public static OutputDefinition? Read(
        IReadOnlyDictionary<string, string?> fields, Func<string, IReadOnlyList<KeyValuePair<string, string>>?> presetOptions,
        string at, IDictionary<string, string[]> errors, string? defaultName)
    {
        var name = fields.GetValueOrDefault(NameField) ?? defaultName;
        var valid = true;
        if (name is null || !OutputDefinition.IsValidName(name))
        {
            errors[$"{at}.{NameField}"] = ["is required: 1 to 40 lower-case letters, digits, '-' or '_'."];
            valid = false;
        }
        var given = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (fields.GetValueOrDefault(PresetField) is { Length: > 0 } presetName)
        {
            if (presetOptions(presetName) is { } borrowed)
            {
                foreach (var (option, value) in borrowed)
                {
                    given[option] = value;
                }
            }
            else
            {
                errors[$"{at}.{PresetField}"] = [$"there is no one-output preset '{presetName}' in this workspace."];
                valid = false;
            }
        }
        foreach (var (key, value) in fields)
        {
            if (!key.Equals(NameField, StringComparison.OrdinalIgnoreCase) && !key.Equals(PresetField, StringComparison.OrdinalIgnoreCase)
                && !key.Equals(PathField, StringComparison.OrdinalIgnoreCase))
            {
                given[key] = value;
            }
        }
        var path = fields.GetValueOrDefault(PathField) is { Length: > 0 } template ? template : null;
        if (path is not null && StoragePaths.ProblemWith(path) is { } problem)
        {
            errors[$"{at}.{PathField}"] = [problem];
            valid = false;
        }
        try
        {
            var options = ConversionOptionsParser.Parse(given);
            return valid ? new OutputDefinition(name!, options, path) : null;
        }
        catch (InvalidConversionOptionsException invalid)
        {
            foreach (var (option, reasons) in invalid.Errors)
            {
                errors[$"{at}.{option}"] = reasons;
            }
            return null;
        }
    }

    /// <summary>A definition as JSON fields, the way presets store it and the API shows it.</summary>
    public static Dictionary<string, object?> ToJson(OutputDefinition definition)
    {
        var json = new Dictionary<string, object?> { [NameField] = definition.Name };
        foreach (var (option, value) in definition.Options.ToFields())
        {
            json[option] = value;
        }
        if (definition.Path is not null)
        {
            json[PathField] = definition.Path;
        }
        return json;
    }

    /// <summary>A JSON value as the parser reads a form field: numbers and booleans as their text.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

}
