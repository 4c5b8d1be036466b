using Konvrt.Portal.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Konvrt.Portal.UnitTests.Infrastructure;

public sealed class PortalPathsTests
{
    private static IConfiguration Settings(string? dataPath) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [PortalPaths.ConfigurationKey] = dataPath })
        .Build();

    [Fact]
    public void Without_configuration_everything_lives_in_data_under_the_content_root()
    {
        var paths = PortalPaths.From(Settings(null), "/srv/konvrt");

        Assert.Equal("/srv/konvrt/data", paths.DataRoot);
        Assert.Equal("/srv/konvrt/data/konvrt.db", paths.Database);
        Assert.Equal("/srv/konvrt/data/mail", paths.MailPickup);
    }

    [Fact]
    public void A_relative_data_path_is_taken_from_the_content_root_and_an_absolute_one_as_is()
    {
        Assert.Equal("/srv/konvrt/state", PortalPaths.From(Settings("state"), "/srv/konvrt").DataRoot);
        Assert.Equal("/var/lib/konvrt", PortalPaths.From(Settings("/var/lib/konvrt"), "/srv/konvrt").DataRoot);
    }
}
