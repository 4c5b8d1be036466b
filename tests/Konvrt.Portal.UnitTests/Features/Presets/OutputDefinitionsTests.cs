using System.Text.Json;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Presets;

namespace Konvrt.Portal.UnitTests.Features.Presets;

public sealed class OutputDefinitionsTests
{
    private static readonly Func<string, IReadOnlyList<KeyValuePair<string, string>>?> BuiltIns =
        PresetStore.OptionsLender([.. ConversionPreset.All.Select(preset => preset.View)]);

    private static IReadOnlyList<OutputDefinition> Parse(string json, Dictionary<string, string[]> errors)
    {
        using var document = JsonDocument.Parse(json);
        return OutputDefinitions.Parse(document.RootElement, BuiltIns, "outputs", errors);
    }

    [Fact]
    public void An_output_borrows_a_preset_s_options_and_its_own_override_them()
    {
        var errors = new Dictionary<string, string[]>();

        var outputs = Parse("""[ { "name": "main", "preset": "web" }, { "name": "thumb", "preset": "web", "maxWidth": 300, "format": "avif", "path": "p/{name}.{ext}" } ]""", errors);

        Assert.Empty(errors);
        Assert.Equal((OutputFormat.Webp, 1200, 80), (outputs[0].Options.Format, outputs[0].Options.MaxWidth ?? 0, outputs[0].Options.Quality ?? 0));
        Assert.Equal((OutputFormat.Avif, 300, 80, "p/{name}.{ext}"), (outputs[1].Options.Format, outputs[1].Options.MaxWidth ?? 0, outputs[1].Options.Quality ?? 0, outputs[1].Path));
    }

    [Fact]
    public void Every_wrong_entry_is_reported_by_its_place_and_field()
    {
        var errors = new Dictionary<string, string[]>();

        Parse("""[ { "name": "Main!" }, { "name": "b", "quality": 0, "preset": "nope" }, 7 ]""", errors);

        Assert.Equal(["outputs[0].name", "outputs[1].preset", "outputs[1].quality", "outputs[2]"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{ "name": "main" }""")]
    [InlineData("""[ {"name":"a"},{"name":"b"},{"name":"c"},{"name":"d"},{"name":"e"},{"name":"f"},{"name":"g"},{"name":"h"},{"name":"i"},{"name":"j"},{"name":"k"} ]""")]
    public void None_more_than_ten_or_not_an_array_is_refused(string json)
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Empty(Parse(json, errors));
        Assert.Contains("1 to 10", errors["outputs"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Two_outputs_of_one_name_are_refused()
    {
        var errors = new Dictionary<string, string[]>();

        Parse("""[ { "name": "main" }, { "name": "main", "maxWidth": 10 } ]""", errors);

        Assert.Contains("'main'", errors["outputs"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_written_as_json_reads_back_the_same()
    {
        var errors = new Dictionary<string, string[]>();
        var outputs = Parse("""[ { "name": "thumb", "preset": "avatar", "path": "a/{name}" } ]""", errors);

        var written = JsonSerializer.Serialize(outputs.Select(OutputDefinitions.ToJson));
        var read = Parse(written, errors);

        Assert.Empty(errors);
        Assert.Equal(outputs[0].Options.Normalized(), read[0].Options.Normalized());
        Assert.Equal(outputs[0].Path, read[0].Path);
    }
}
