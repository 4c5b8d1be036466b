using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Jobs;

namespace Konvrt.Portal.UnitTests.Features.Jobs;

/// <summary>What format=auto reads from a convert request's Accept header, as browsers, CDNs and scripts send it.</summary>
public sealed class AcceptHeaderTests
{
    private const AcceptedFormats EveryBrowser = AcceptedFormats.Webp | AcceptedFormats.Jpeg | AcceptedFormats.Png | AcceptedFormats.Gif;

    [Theory]
    // Chrome's image request: AVIF and WebP named, the rest by wildcard.
    [InlineData("image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", EveryBrowser | AcceptedFormats.Avif)]
    // A script that takes anything: the formats every browser shows, AVIF only when named.
    [InlineData("*/*", EveryBrowser)]
    [InlineData("application/json, image/jpeg", AcceptedFormats.Jpeg)]
    [InlineData("image/jpeg, image/png;q=0.5", AcceptedFormats.Jpeg | AcceptedFormats.Png)]
    // q=0 refuses a format even where a wildcard would have let it in.
    [InlineData("image/*, image/webp;q=0", AcceptedFormats.Jpeg | AcceptedFormats.Png | AcceptedFormats.Gif)]
    public void The_image_types_named_and_the_wildcards_make_the_accepted_formats(string header, AcceptedFormats expected)
    {
        Assert.Equal(expected, AcceptHeader.Formats(header));
    }

    [Theory]
    [InlineData("")]
    [InlineData("application/json")]
    [InlineData("image/bmp")]
    public void A_header_that_says_nothing_about_the_formats_leaves_the_default(string header)
    {
        Assert.Null(AcceptHeader.Formats(header));
    }
}
