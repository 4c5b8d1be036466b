using System.Net.Http.Json;
using Konvrt.Portal.IntegrationTests.Support;

namespace Konvrt.Portal.IntegrationTests.Features.Presets;

/// <summary><c>/api/v1/presets</c>: the built-in ones read-only, the workspace's own created, replaced and deleted, each checked like a conversion.</summary>
public sealed class PresetsApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_workspace_lists_the_built_in_presets_and_its_own_with_their_outputs()
    {
        var user = await portal.ApiUserAsync();
        var created = await user.Client.PostAsJsonAsync("/api/v1/presets", new
        {
            name = "product",
            description = "Web size and thumbnail",
            outputs = new object[]
            {
                new { name = "main", preset = "web", path = "products/{productId}/main.webp" },
                new { name = "thumb", format = "webp", maxWidth = 300, quality = 70 },
            },
        });

        var listed = (await (await user.Client.GetAsync("/api/v1/presets")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(201, (int)created.StatusCode);
        Assert.EndsWith("/api/v1/presets/product", created.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal([("web", true), ("thumbnail", true), ("avatar", true), ("product", false)],
            listed.Select(preset => (preset.GetProperty("name").GetString(), preset.GetProperty("builtIn").GetBoolean())));
        var product = listed[3];
        Assert.Equal("Web size and thumbnail", product.GetProperty("description").GetString());
        var outputs = product.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(["main", "thumb"], outputs.Select(output => output.GetProperty("name").GetString()));
        Assert.Equal(("1200", "products/{productId}/main.webp"), (outputs[0].GetProperty("maxWidth").GetString(), outputs[0].GetProperty("path").GetString()));
        Assert.Equal("80", listed[0].GetProperty("options").GetProperty("quality").GetString());
    }

    [Fact]
    public async Task A_preset_is_replaced_with_put_and_deleted_and_then_not_found()
    {
        var user = await portal.ApiUserAsync();
        await user.Client.PostAsJsonAsync("/api/v1/presets", new { name = "banner", options = new { format = "jpeg", width = 1600 } });

        var replaced = await user.Client.PutAsJsonAsync("/api/v1/presets/banner", new { description = "Wide", options = new { format = "avif", width = 1920 } });
        var read = await (await user.Client.GetAsync("/api/v1/presets/banner")).JsonAsync();
        var deleted = await user.Client.DeleteAsync("/api/v1/presets/banner");

        Assert.Equal(200, (int)replaced.StatusCode);
        Assert.Equal(("avif", "1920", "Wide"), (read.GetProperty("options").GetProperty("format").GetString(),
            read.GetProperty("options").GetProperty("width").GetString(), read.GetProperty("description").GetString()));
        Assert.Equal(204, (int)deleted.StatusCode);
        await (await user.Client.GetAsync("/api/v1/presets/banner")).AssertProblemAsync(404, "not-found");
        await (await user.Client.PutAsJsonAsync("/api/v1/presets/banner", new { options = new { format = "png" } })).AssertProblemAsync(404, "not-found");
    }

    [Fact]
    public async Task Built_in_presets_cannot_be_changed_deleted_or_shadowed()
    {
        var user = await portal.ApiUserAsync();

        await (await user.Client.PutAsJsonAsync("/api/v1/presets/web", new { options = new { format = "png" } })).AssertProblemAsync(409, "preset-read-only");
        await (await user.Client.DeleteAsync("/api/v1/presets/thumbnail")).AssertProblemAsync(409, "preset-read-only");
        await (await user.Client.PostAsJsonAsync("/api/v1/presets", new { name = "avatar", options = new { format = "png" } })).AssertProblemAsync(409, "preset-read-only");
    }

    [Fact]
    public async Task Every_wrong_field_of_a_preset_is_named_the_way_a_conversion_names_it()
    {
        var user = await portal.ApiUserAsync();

        var response = await user.Client.PostAsJsonAsync("/api/v1/presets", new
        {
            name = "Bad Name",
            outputs = new object[] { new { name = "main", quality = 300 }, new { name = "main", preset = "nope", path = "/abs" } },
        });
        var both = await user.Client.PostAsJsonAsync("/api/v1/presets", new { name = "both", options = new { format = "png" }, outputs = Array.Empty<object>() });
        var taken = await user.Client.PostAsJsonAsync("/api/v1/presets", new { name = "dupe", options = new { format = "png" } });
        var again = await user.Client.PostAsJsonAsync("/api/v1/presets", new { name = "dupe", options = new { format = "png" } });

        await response.AssertProblemAsync(400, "invalid-preset");
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(["name", "outputs[0].quality", "outputs[1].path", "outputs[1].preset"], errors.EnumerateObject().Select(error => error.Name).Order(StringComparer.Ordinal));
        await both.AssertProblemAsync(400, "invalid-preset");
        Assert.Equal(201, (int)taken.StatusCode);
        await again.AssertProblemAsync(409, "name-taken");
    }

    [Fact]
    public async Task Another_workspace_neither_sees_nor_uses_nor_deletes_a_preset()
    {
        var owner = await portal.ApiUserAsync();
        var stranger = await portal.ApiUserAsync();
        await owner.Client.PostAsJsonAsync("/api/v1/presets", new { name = "secret-sizes", options = new { format = "png", width = 10 } });

        await (await stranger.Client.GetAsync("/api/v1/presets/secret-sizes")).AssertProblemAsync(404, "not-found");
        await (await stranger.Client.DeleteAsync("/api/v1/presets/secret-sizes")).AssertProblemAsync(404, "not-found");
        var convert = await stranger.Client.PostAsync("/api/v1/convert", ApiKit.Form(Jobs.JobKit.SmallJpeg(9), "a.jpg", ("preset", "secret-sizes")));
        await convert.AssertProblemAsync(400, "invalid-options");
        Assert.Contains("no preset 'secret-sizes'", (await convert.JsonAsync()).GetProperty("errors").GetProperty("preset")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(200, (int)(await owner.Client.GetAsync("/api/v1/presets/secret-sizes")).StatusCode);
    }

    [Fact]
    public async Task Options_beside_a_one_output_preset_override_its_own()
    {
        var user = await portal.ApiUserAsync();

        var job = await (await user.Client.PostAsync("/api/v1/convert", ApiKit.Form(Jobs.JobKit.SmallJpeg(10), "a.jpg", ("preset", "thumbnail"), ("format", "png")))).JsonAsync();

        Assert.Equal(("png", 64 + 10), (job.GetProperty("output").GetProperty("format").GetString(), job.GetProperty("output").GetProperty("width").GetInt32()));
    }
}
