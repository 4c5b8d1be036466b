using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

/// <summary>Each option is declared once, and everything that reads options reads the declarations.</summary>
public sealed class ConversionOptionCatalogTests
{
    /// <summary>A value for each option that differs from its default.</summary>
    /// <summary>Values other than the default; an option that sets two properties (a number, or auto) gives one for each.</summary>
    private static IEnumerable<string> Samples(ConversionOption option) => option switch
    {
        IntegerOption number => [(number.Max == number.Min ? number.Min : number.Min + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)],
        QualityOption quality => [(quality.Min + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), quality.Words[^1]],
        IChoiceOption choice => [choice.Choices.First(value => value != option.Default)],
        ColorOption => ["#123456"],
        FormatListOption => ["avif,png"],
        _ => ["true"],
    };

    [Fact]
    public void Every_property_callers_can_set_is_declared_by_exactly_one_option()
    {
        var declaredBy = new Dictionary<string, string>();
        foreach (var (option, sample) in ConversionOptionCatalog.All.SelectMany(option => Samples(option).Select(sample => (option, sample))))
        {
            var changed = option.Read(new ConversionOptions(), sample, reason => Assert.Fail($"{option.Name}: {reason}"));
            foreach (var property in PublicSettable())
            {
                if (!Equals(property.GetValue(changed), property.GetValue(new ConversionOptions()))
                    && declaredBy.GetValueOrDefault(property.Name) != option.Name)
                {
                    Assert.True(declaredBy.TryAdd(property.Name, option.Name), $"{property.Name} is set by both {declaredBy.GetValueOrDefault(property.Name)} and {option.Name}");
                }
            }
        }

        Assert.Equal(PublicSettable().Select(property => property.Name).Order(), declaredBy.Keys.Order());
    }

    /// <summary>What a caller outside the portal can set; the portal's own ceilings (MaxPixels) are not options.</summary>
    private static IEnumerable<System.Reflection.PropertyInfo> PublicSettable() =>
        typeof(ConversionOptions).GetProperties().Where(property => property.GetSetMethod(nonPublic: false) is not null);

    [Theory]
    [InlineData("format=webp")]
    [InlineData("format=jpeg;quality=55;width=640;height=480;crop=entropy;background=#102030;progressive=true;keepMetadata=true")]
    [InlineData("format=png;maxWidth=300;maxHeight=200;compressionLevel=9;palette=true;lossless=true;enlarge=true")]
    [InlineData("format=avif;width=100;height=100;fit=contain;background=#ffffff")]
    [InlineData("format=gif;width=50;height=60;fit=fill")]
    [InlineData("format=auto;accept=webp,avif;quality=auto:eco;maxWidth=300")]
    public void Options_read_back_from_their_canonical_fields_to_the_same_conversion(string given)
    {
        var options = ConversionOptionsParser.Parse(given.Split(';').Select(pair => pair.Split('=')).Select(pair => KeyValuePair.Create(pair[0], (string?)pair[1])));

        var stored = ConversionOptionsParser.FromCanonical(options.ToFields());

        // The canonical form writes defaults out (quality 80 for WebP): the same conversion, spelled in full.
        Assert.Equal(options with { Quality = options.Format.DefaultQuality() is null || options.AutoQuality is not null ? options.Quality : options.EffectiveQuality }, stored);
        Assert.Equal(options.Normalized(), stored.Normalized());
    }

    [Fact]
    public void The_convert_command_has_a_flag_for_every_option_and_describes_it()
    {
        var command = ConvertCommand.Create(new ServiceCollection().BuildServiceProvider());

        foreach (var option in ConversionOptionCatalog.All)
        {
            var flag = Assert.Single(command.Options, symbol => symbol.Name == option.Flag);
            Assert.StartsWith(option.Description, flag.Description, StringComparison.Ordinal);
        }
        Assert.Contains(command.Options, symbol => symbol.Name == "--max-width");
    }

    [Fact]
    public void The_conversion_docs_describe_every_option_with_its_values()
    {
        var docs = File.ReadAllLines(Path.Combine(TestSupport.PortalProcess.RepositoryRoot, "docs", "conversion.md"))
            .SkipWhile(line => line != "## Options").TakeWhile(line => line == "## Options" || !line.StartsWith("## ", StringComparison.Ordinal)).ToList();

        foreach (var option in ConversionOptionCatalog.All)
        {
            var row = docs.FirstOrDefault(line => line.StartsWith('|') && line.Split('|')[1].Contains($"`{option.Name}`", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/conversion.md has no row for {option.Name}");
            switch (option)
            {
                case IntegerOption number:
                    Assert.Contains($"{number.Min}–{number.Max}", row, StringComparison.Ordinal);
                    break;
                case QualityOption quality:
                    Assert.Contains($"{quality.Min}–{quality.Max}", row, StringComparison.Ordinal);
                    Assert.All(quality.Words, word => Assert.Contains(word, row, StringComparison.Ordinal));
                    break;
                case IChoiceOption choice:
                    Assert.All(choice.Choices, value => Assert.Contains(value, row, StringComparison.Ordinal));
                    break;
            }
        }
    }
}
