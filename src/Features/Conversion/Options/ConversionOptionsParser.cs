namespace Konvrt.Portal.Features.Conversion.Options;

/// <summary>
/// Reads the options from name/value pairs (form fields, JSON, CLI flags) by their declarations
/// (<see cref="ConversionOptionCatalog"/>). Names match without regard to case; an empty value counts as not
/// given. Everything wrong is reported in one <see cref="InvalidConversionOptionsException"/>, never only the
/// first problem.
/// </summary>
public static class ConversionOptionsParser
{
    public static ConversionOptions Parse(IEnumerable<KeyValuePair<string, string?>> fields)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string name, string reason) => (errors.TryGetValue(name, out var list) ? list : errors[name] = []).Add(reason);

        var given = new Dictionary<ConversionOption, string>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            var option = ConversionOptionCatalog.Find(key);
            if (option is null)
            {
                Fail(key, $"is not a conversion option; the options are {string.Join(", ", ConversionOptionCatalog.Names)}.");
            }
            else if (!named.Add(option.Name))
            {
                Fail(option.Name, "is given more than once.");
            }
            else if (!string.IsNullOrWhiteSpace(value))
            {
                given[option] = value.Trim();
            }
        }

        var options = new ConversionOptions();
        foreach (var option in ConversionOptionCatalog.All)
        {
            if (given.TryGetValue(option, out var text))
            {
                options = option.Read(options, text, reason => Fail(option.Name, reason));
            }
        }
        bool Given(string name) => given.Keys.Any(option => option.Name == name);
        foreach (var rule in ConversionOptionCatalog.Rules)
        {
            options = rule(options, Given, Fail);
        }

        if (errors.Count > 0)
        {
            throw new InvalidConversionOptionsException(errors.ToDictionary(error => error.Key, error => error.Value.ToArray()));
        }
        return options;
    }

    /// <summary>
    /// Options from their canonical fields (<see cref="ConversionOptions.ToFields"/>), as a job stored them after
    /// they were checked: read back without checking again.
    /// </summary>
    public static ConversionOptions FromCanonical(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var options = new ConversionOptions();
        foreach (var (name, text) in fields)
        {
            if (ConversionOptionCatalog.Find(name) is { } option)
            {
                options = option.Read(options, text, reason =>
                    throw new InvalidOperationException($"The stored option {name}='{text}' does not read back: {reason}"));
            }
        }
        return options;
    }
}
