using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Konvrt.Portal.TestSupport;

/// <summary>
/// A real S3-protocol server on a free loopback port: npm's <c>s3rver</c>, installed outside the repository
/// (<c>.ci/run</c> puts it under <c>/opt/konvrt-tools</c>), over a temporary folder of its own. It checks the access
/// key and the request's signature as S3 does; its only credentials are <c>S3RVER</c>/<c>S3RVER</c>.
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";
    public const string Region = "us-east-1";

    private readonly Process process;
    private readonly string directory;

    private S3Server(Process process, string directory, string endpoint)
    {
        this.process = process;
        this.directory = directory;
        Endpoint = endpoint;
    }

    /// <summary><c>http://127.0.0.1:port</c>: what a storage destination's <c>endpoint</c> is.</summary>
    public string Endpoint { get; }

    /// <summary>Where s3rver is: <c>KONVRT_S3RVER</c>, or under <c>KONVRT_TOOLS</c> (default <c>/opt/konvrt-tools</c>).</summary>
    public static string Executable
    {
        get
        {
            var candidates = new[]
            {
                Environment.GetEnvironmentVariable("KONVRT_S3RVER"),
                Path.Combine(Environment.GetEnvironmentVariable("KONVRT_TOOLS") ?? "/opt/konvrt-tools", "node_modules", ".bin", "s3rver"),
            };
            return candidates.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException(
                    "s3rver is not installed: run 'npm install --prefix /opt/konvrt-tools s3rver@3.7.1' (.ci/run does), or set KONVRT_S3RVER to its path.");
        }
    }

    /// <summary>Starts s3rver with <paramref name="buckets"/> created, and returns once it accepts connections.</summary>
    public static async Task<S3Server> StartAsync(params string[] buckets)
    {
        var directory = Path.Combine(Path.GetTempPath(), "konvrt-s3-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = PortalProcess.FreePort();
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        // s3rver makes ListObjectsV2's continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider: without
        // it, any listing longer than a page answers 500.
        start.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";
        foreach (var argument in new[] { "-d", directory, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var bucket in buckets)
        {
            start.ArgumentList.Add("--configure-bucket");
            start.ArgumentList.Add(bucket);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("s3rver could not be started.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new S3Server(process, directory, $"http://127.0.0.1:{port}");
        if (await PortalProcess.ListeningAsync(port, process, TimeSpan.FromSeconds(30)))
        {
            return server;
        }
        await server.DisposeAsync();
        throw new TimeoutException($"s3rver did not listen on port {port} within 30 seconds.");
    }

    /// <summary>The settings that make the portal keep its uploads and outputs in <paramref name="bucket"/> here (<c>Storage:Provider=S3</c>).</summary>
    public Dictionary<string, string> PortalStorage(string bucket, bool presignDownloads = false) => new()
    {
        ["Storage:Provider"] = "S3",
        ["Storage:S3:ServiceUrl"] = Endpoint,
        ["Storage:S3:Region"] = Region,
        ["Storage:S3:Bucket"] = bucket,
        ["Storage:S3:AccessKey"] = AccessKeyId,
        ["Storage:S3:SecretKey"] = SecretAccessKey,
        ["Storage:S3:ForcePathStyle"] = "true",
        ["Storage:S3:PresignDownloads"] = presignDownloads ? "true" : "false",
    };

    /// <summary>A client of its own, to look into the buckets the way their owner would.</summary>
    public AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKeyId, SecretAccessKey), new AmazonS3Config
    {
        ServiceURL = Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = Region,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public async Task<IReadOnlyList<string>> KeysAsync(string bucket, string prefix = "")
    {
        using var client = Client();
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix });
        return [.. (listed.S3Objects ?? []).Select(item => item.Key).Order(StringComparer.Ordinal)];
    }

    public async Task<byte[]> ReadAsync(string bucket, string key)
    {
        using var client = Client();
        using var response = await client.GetObjectAsync(bucket, key);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public async Task CreateBucketAsync(string bucket)
    {
        using var client = Client();
        await client.PutBucketAsync(bucket);
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        return ValueTask.CompletedTask;
    }
}
