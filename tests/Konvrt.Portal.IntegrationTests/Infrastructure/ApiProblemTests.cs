using System.Text;
using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Storage;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

/// <summary>Whatever goes wrong under /api/, the answer is a problem with a stable type and a trace id: never the portal's HTML page.</summary>
public sealed partial class ApiProblemTests
{
    private static readonly byte[] Photo = File.ReadAllBytes(TestImage("photo3_iphone6_3264x2448.jpg"));

    private static void AssertProblem(RawHttp.Answer answer, int status, string type)
    {
        Assert.True(answer.Status == status, $"expected {status}, got {answer.Status}: {answer.Body}");
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal("/problems/" + type, answer.Json.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(answer.Json.GetProperty("traceId").GetString()));
    }

    private static string Head(string key, long contentLength, string boundary = "konvrt-boundary") =>
        $"POST /api/v1/convert HTTP/1.1\r\nAuthorization: Bearer {key}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {contentLength}";

    [Fact]
    public async Task An_upload_announcing_more_than_the_limit_is_a_413_problem_over_a_real_socket_and_logs_no_error()
    {
        var logs = new LogCapture();
        await using var portal = new PortalFactory
        {
            Settings = new Dictionary<string, string> { ["Conversion:Limits:MaxInputBytes"] = "1048576" },
            ReplaceServices = logs.Register,
        };
        var server = portal.StartOnLoopback();
        var user = await portal.ApiUserAsync();

        var answer = await RawHttp.SendAsync(server, Head(user.Key, 60L * 1024 * 1024), async body =>
        {
            await body.WriteAsync(Encoding.ASCII.GetBytes("--konvrt-boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.jpg\"\r\n\r\n"));
            await body.WriteAsync(new byte[4 * 1024 * 1024]);
        });

        AssertProblem(answer, 413, "payload-too-large");
        Assert.DoesNotContain(logs.AtLeast(LogLevel.Warning), entry => entry.Message.Contains("Reading is already in progress", StringComparison.Ordinal));
        Assert.Empty(logs.AtLeast(LogLevel.Error));
    }

    [Fact]
    public async Task A_multipart_body_cut_short_of_its_closing_boundary_is_a_400_problem_over_a_real_socket_and_nothing_is_kept()
    {
        await using var portal = new PortalFactory();
        var server = portal.StartOnLoopback();
        var user = await portal.ApiUserAsync();
        var partHeader = Encoding.ASCII.GetBytes("--konvrt-boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cut.jpg\"\r\n\r\n");
        var half = Photo.Length / 2;

        // Everything the Content-Length announces arrives: the upload simply stops mid-file, as a dropped client's does.
        var answer = await RawHttp.SendAsync(server, Head(user.Key, partHeader.Length + half), async body =>
        {
            await body.WriteAsync(partHeader);
            await body.WriteAsync(Photo.AsMemory(0, half));
        });

        AssertProblem(answer, 400, "malformed-request");
        Assert.Contains("closing boundary", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingKeptAsync(portal, user.WorkspaceId);
    }

    [Fact]
    public async Task A_full_disk_is_a_507_problem_and_leaves_no_job_no_file_and_no_charge()
    {
        Assert.True(File.Exists("/dev/full"), "the test writes to /dev/full for a real 'no space left on device'");
        await using var portal = new PortalFactory
        {
            ReplaceServices = services => services.AddSingleton<IBlobStore>(provider =>
                new FullDiskBlobStore(provider.GetRequiredService<LocalDiskBlobStore>())),
        };
        var user = await portal.ApiUserAsync();

        var answer = await user.Client.PostAsync("/api/v1/convert", Form(Photo, "photo.jpg", ("format", "webp")));

        await answer.AssertProblemAsync(507, "insufficient-storage");
        Assert.Equal(100, await portal.Services.GetRequiredService<CreditLedger>().BalanceAsync(user.WorkspaceId, CancellationToken.None));
        await AssertNothingKeptAsync(portal, user.WorkspaceId);
    }

    [Fact]
    public async Task An_unexpected_exception_in_an_api_endpoint_is_a_500_problem_not_the_portals_error_page()
    {
        await using var portal = new PortalFactory
        {
            ReplaceServices = services => services.AddSingleton<IJobCharges, BrokenCharges>(),
        };
        var user = await portal.ApiUserAsync();

        // The upload is stored and checked; then charging for it throws.
        var answer = await user.Client.PostAsync("/api/v1/convert", Form(Photo, "photo.jpg", ("maxWidth", "64")));

        await answer.AssertProblemAsync(500, "internal-error");
        var problem = await answer.JsonAsync();
        Assert.Equal("/api/v1/convert", problem.GetProperty("instance").GetString());
        Assert.DoesNotContain("ReserveAsync", problem.ToString(), StringComparison.Ordinal);
        await AssertNothingKeptAsync(portal, user.WorkspaceId);
    }

    private static async Task AssertNothingKeptAsync(PortalFactory portal, Guid workspaceId)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Jobs.AnyAsync(job => job.WorkspaceId == workspaceId));
        var blobs = Path.Combine(portal.Services.GetRequiredService<PortalPaths>().Blobs, workspaceId.ToString("N"));
        Assert.False(Directory.Exists(blobs) && Directory.EnumerateFiles(blobs, "*", SearchOption.AllDirectories).Any());
        var spool = portal.Services.GetRequiredService<PortalPaths>().Temporary;
        Assert.False(Directory.Exists(spool) && Directory.EnumerateFiles(spool).Any());
    }

    /// <summary>The real store, except that every write lands on /dev/full: the kernel's own "no space left on device".</summary>
    private sealed class FullDiskBlobStore(LocalDiskBlobStore inner) : IBlobStore
    {
        public async Task<long> WriteAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
        {
            await using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            await write(full, cancellationToken);
            await full.FlushAsync(cancellationToken);
            return full.Length;
        }

        public Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public Task<StoreSize> MeasureAsync(int maxObjects, CancellationToken cancellationToken) => inner.MeasureAsync(maxObjects, cancellationToken);

        public Task<Uri?> PresignDownloadAsync(string key, string fileName, string contentType) => inner.PresignDownloadAsync(key, fileName, contentType);
    }

    private sealed class BrokenCharges : IJobCharges
    {
        public int CostOf(long inputBytes) => 1;

        public Task<int> ReserveAsync(PortalDbContext db, IReadOnlyList<JobCharge> charges, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The ledger is broken in ReserveAsync.");

        public Task RefundAsync(PortalDbContext db, JobCharge charge, string reason, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<int> BalanceAsync(Guid workspaceId, CancellationToken cancellationToken) => Task.FromResult(100);

        public bool IsLow(int balance) => false;
    }
}
