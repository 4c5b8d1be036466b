using System.Net.Http.Json;
using Konvrt.Portal.Features.Storage;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Features.Storage;

/// <summary><c>/api/v1/storage</c> against a real S3 server: saved only after a test write, the secret never seen again.</summary>
public sealed class StorageApiTests(PortalFactory<WithS3Server> portal) : IClassFixture<PortalFactory<WithS3Server>>
{
    private WithS3Server Setup => portal.Setup;

    [Fact]
    public async Task A_destination_is_saved_after_a_test_write_and_delete_and_its_secret_is_never_shown_or_stored_in_clear()
    {
        var user = await portal.ApiUserAsync();

        var created = await user.Client.PostAsJsonAsync("/api/v1/storage", Setup.Destination("shop-s3", prefix: "konvrt"));
        var listed = await user.Client.GetAsync("/api/v1/storage");

        Assert.Equal(201, (int)created.StatusCode);
        var body = await created.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secretAccessKey", body, StringComparison.OrdinalIgnoreCase);
        var destination = (await listed.JsonAsync()).EnumerateArray().Single();
        Assert.Equal(("shop-s3", WithS3Server.Bucket, "konvrt", true), (destination.GetProperty("name").GetString(), destination.GetProperty("bucket").GetString(),
            destination.GetProperty("prefix").GetString(), destination.GetProperty("forcePathStyle").GetBoolean()));
        Assert.False(destination.TryGetProperty("secretAccessKey", out _));
        // The test file was deleted again: the bucket holds nothing of the check.
        Assert.Empty(await Setup.S3.KeysAsync(WithS3Server.Bucket, "konvrt/"));
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var stored = await db.Set<StorageDestination>().SingleAsync(d => d.WorkspaceId == user.WorkspaceId);
        Assert.NotEqual(Konvrt.Portal.TestSupport.S3Server.SecretAccessKey, stored.SecretAccessKeyProtected);
        Assert.DoesNotContain(Konvrt.Portal.TestSupport.S3Server.SecretAccessKey, stored.SecretAccessKeyProtected, StringComparison.Ordinal);
    }

    // s3rver checks the access key id but accepts any secret for it, so a wrong key id stands for bad credentials here.
    [Theory]
    [InlineData(null, "NOSUCHKEY", null, "credentials")]
    [InlineData(null, null, "no-such-bucket", "bucket")]
    public async Task A_destination_the_server_refuses_is_a_422_that_says_what_to_fix_and_nothing_is_saved(
        string? secret, string? accessKeyId, string? bucket, string failed)
    {
        var user = await portal.ApiUserAsync();

        var response = await user.Client.PostAsJsonAsync("/api/v1/storage", Setup.Destination("broken", bucket, secret, accessKeyId));

        await response.AssertProblemAsync(422, "storage-check-failed");
        var problem = await response.JsonAsync();
        Assert.Equal(failed, problem.GetProperty("failed").GetString());
        Assert.Contains(failed == "bucket" ? "does not exist" : "credentials", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await (await user.Client.GetAsync("/api/v1/storage")).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task An_endpoint_nobody_listens_on_is_a_422_about_the_endpoint()
    {
        var user = await portal.ApiUserAsync();
        var closed = $"http://127.0.0.1:{Konvrt.Portal.TestSupport.PortalProcess.FreePort()}";

        var response = await user.Client.PostAsJsonAsync("/api/v1/storage", new
        {
            name = "nowhere", endpoint = closed, region = "us-east-1", bucket = "shop", accessKeyId = "S3RVER", secretAccessKey = "S3RVER", forcePathStyle = true,
        });

        await response.AssertProblemAsync(422, "storage-check-failed");
        Assert.Equal("endpoint", (await response.JsonAsync()).GetProperty("failed").GetString());
    }

    [Fact]
    public async Task Missing_fields_are_each_named_and_a_taken_name_is_a_409()
    {
        var user = await portal.ApiUserAsync();
        Assert.Equal(201, (int)(await user.Client.PostAsJsonAsync("/api/v1/storage", Setup.Destination("main"))).StatusCode);

        var empty = await user.Client.PostAsJsonAsync("/api/v1/storage", new { name = "Not A Name" });
        var again = await user.Client.PostAsJsonAsync("/api/v1/storage", Setup.Destination("main"));

        await empty.AssertProblemAsync(400, "invalid-storage");
        var errors = (await empty.JsonAsync()).GetProperty("errors");
        Assert.Equal(["accessKeyId", "bucket", "name", "secretAccessKey"], errors.EnumerateObject().Select(error => error.Name).Where(name => name != "region" && name != "endpoint").Order());
        await again.AssertProblemAsync(409, "name-taken");
    }

    [Fact]
    public async Task Another_workspace_neither_sees_nor_deletes_a_destination_and_its_owner_tests_and_deletes_it()
    {
        var owner = await portal.ApiUserAsync();
        var stranger = await portal.ApiUserAsync();
        Assert.Equal(201, (int)(await owner.Client.PostAsJsonAsync("/api/v1/storage", Setup.Destination("mine"))).StatusCode);

        Assert.Empty((await (await stranger.Client.GetAsync("/api/v1/storage")).JsonAsync()).EnumerateArray());
        await (await stranger.Client.DeleteAsync("/api/v1/storage/mine")).AssertProblemAsync(404, "not-found");
        await (await stranger.Client.PostAsync("/api/v1/storage/mine/test", null)).AssertProblemAsync(404, "not-found");

        Assert.Equal(204, (int)(await owner.Client.PostAsync("/api/v1/storage/mine/test", null)).StatusCode);
        Assert.Equal(204, (int)(await owner.Client.DeleteAsync("/api/v1/storage/mine")).StatusCode);
        Assert.Empty((await (await owner.Client.GetAsync("/api/v1/storage")).JsonAsync()).EnumerateArray());
    }
}
