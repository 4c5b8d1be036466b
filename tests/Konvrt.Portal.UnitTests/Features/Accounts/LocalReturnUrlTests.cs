using Konvrt.Portal.Features.Accounts;

namespace Konvrt.Portal.UnitTests.Features.Accounts;

public sealed class LocalReturnUrlTests
{
    private static readonly Uri Site = new("https://konvrt.example.com/");

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("https:evil.example")]
    [InlineData("http:/evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData(" /dashboard")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("http://konvrt.example.com/dashboard")]
    [InlineData("https://konvrt.example.com.evil.example/")]
    [InlineData("https://konvrt.example.com:8443/")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_not_on_this_site_resolves_to_the_root(string? url) => Assert.Equal("", LocalReturnUrl.Resolve(url, Site));

    [Theory]
    [InlineData("/jobs?status=failed", "/jobs?status=failed")]
    [InlineData("billing", "billing")]
    [InlineData("%2F%2Fevil.example", "%2F%2Fevil.example")]
    [InlineData("https://konvrt.example.com/convert#top", "convert#top")]
    [InlineData("HTTPS://KONVRT.EXAMPLE.COM/convert", "convert")]
    public void A_url_on_this_site_is_kept(string url, string resolved) => Assert.Equal(resolved, LocalReturnUrl.Resolve(url, Site));
}
