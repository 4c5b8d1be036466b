using Konvrt.Portal.Features.Presets;

namespace Konvrt.Portal.UnitTests.Features.Presets;

public sealed class StoragePathsTests
{
    private static readonly Guid JobId = Guid.Parse("7f0c7a4e-0000-4000-8000-000000000001");

    [Fact]
    public void A_template_is_filled_with_the_job_s_own_values_and_the_request_s_variables()
    {
        var (key, problem) = StoragePaths.KeyFor("products/{productId}/{input}-{name}.{ext}", JobId, "thumb", ".webp", "Red Shoe.JPG",
            new Dictionary<string, string> { ["productId"] = "sku-42" });

        Assert.Null(problem);
        Assert.Equal("products/sku-42/Red Shoe-thumb.webp", key);
    }

    [Fact]
    public void Without_a_template_an_output_goes_under_its_job_and_name()
    {
        Assert.Equal($"{JobId}/main.jpg", StoragePaths.KeyFor(null, JobId, "main", ".jpg", "a.png", null).Key);
    }

    [Fact]
    public void A_missing_variable_is_named_and_gives_no_key()
    {
        var (key, problem) = StoragePaths.KeyFor("products/{productId}/{colour}.{ext}", JobId, "main", ".webp", "a.jpg", null);

        Assert.Null(key);
        Assert.Contains("'productId', 'colour'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/products/{name}.webp")]
    [InlineData("products//{name}.webp")]
    [InlineData("products/../{name}.webp")]
    [InlineData("products/{}/x.webp")]
    public void A_template_that_would_escape_or_is_empty_somewhere_is_refused(string template)
    {
        Assert.NotNull(StoragePaths.ProblemWith(template));
    }

    [Fact]
    public void A_variable_cannot_smuggle_a_parent_folder_into_the_key()
    {
        var (key, problem) = StoragePaths.KeyFor("products/{productId}/main.webp", JobId, "main", ".webp", "a.jpg",
            new Dictionary<string, string> { ["productId"] = "../../secrets" });

        Assert.Null(key);
        Assert.NotNull(problem);
    }
}
