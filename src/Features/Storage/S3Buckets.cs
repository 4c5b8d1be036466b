using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Konvrt.Portal.Infrastructure.Outbound;
using Konvrt.Portal.Infrastructure.Storage;

namespace Konvrt.Portal.Features.Storage;

/// <summary>What went wrong talking to a bucket, in the words its owner needs to fix it.</summary>
public enum StorageFailureKind
{
    /// <summary>The access key is unknown, the secret does not match it, or it may not write there.</summary>
    Credentials,
    /// <summary>There is no such bucket at the endpoint.</summary>
    Bucket,
    /// <summary>The endpoint refused, timed out, is not allowed by the address policy, or does not speak S3.</summary>
    Endpoint,
}

public sealed class StorageFailureException(StorageFailureKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public StorageFailureKind Kind { get; } = kind;
}

/// <summary>
/// Writes to customers' S3-compatible buckets through AWSSDK.S3 (SigV4, path-style, retries), over the outbound
/// address policy's own connections: a destination's endpoint, wherever its name points at connect time, never
/// reaches a private or metadata address unless <c>Outbound:AllowPrivateNetworks</c> says so.
/// </summary>
public sealed class S3Buckets(OutboundPolicy outbound, StorageSecrets secrets) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    // The SDK does not impose its own timeout on a client it is handed: a server that accepts and never answers
    // would otherwise hold an upload (and the job's worker) for ever.
    private readonly HttpClient http = new(outbound.CreateHandler(TimeSpan.FromSeconds(10))) { Timeout = Timeout };

    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/> (the full key, prefix included).</summary>
    public async Task PutAsync(StorageDestination destination, string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        using var client = ClientFor(destination, secrets.Unprotect(destination.SecretAccessKeyProtected));
        await TranslateAsync(destination, () => client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = destination.Bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            ContentType = contentType,
            // A plain signed body: aws-chunked uploads are not understood by every S3-compatible server.
            UseChunkEncoding = false,
        }, cancellationToken));
    }

    /// <summary>Writes and deletes a small test object; throws <see cref="StorageFailureException"/> saying what to fix.</summary>
    public async Task CheckAsync(StorageDestination destination, string secretAccessKey, CancellationToken cancellationToken)
    {
        using var client = ClientFor(destination, secretAccessKey);
        var key = destination.KeyFor($".konvrt-check-{Guid.NewGuid():N}");
        using var probe = new MemoryStream("Konvrt checks it can write here; this file is deleted at once."u8.ToArray());
        await TranslateAsync(destination, () => client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = destination.Bucket, Key = key, InputStream = probe, ContentType = "text/plain", UseChunkEncoding = false,
        }, cancellationToken));
        await TranslateAsync(destination, () => client.DeleteObjectAsync(destination.Bucket, key, cancellationToken));
    }

    private AmazonS3Client ClientFor(StorageDestination destination, string secretAccessKey)
    {
        var config = S3Config.For(destination.Endpoint, destination.Region, destination.ForcePathStyle);
        config.Timeout = Timeout;
        config.MaxErrorRetry = 2;
        config.HttpClientFactory = new SharedClient(http);
        return new AmazonS3Client(new BasicAWSCredentials(destination.AccessKeyId, secretAccessKey), config);
    }

    private static async Task TranslateAsync(StorageDestination destination, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (AmazonS3Exception refused)
        {
            throw refused.ErrorCode switch
            {
                "NoSuchBucket" => new StorageFailureException(StorageFailureKind.Bucket,
                    $"The bucket '{destination.Bucket}' does not exist at this endpoint.", refused),
                "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AccessDenied" or "InvalidToken" or "AuthorizationHeaderMalformed"
                    => new StorageFailureException(StorageFailureKind.Credentials,
                        $"The endpoint refused the credentials ({refused.ErrorCode}): check the access key id and secret, and that they may write to '{destination.Bucket}'.", refused),
                _ when refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => new StorageFailureException(StorageFailureKind.Credentials,
                    $"The endpoint refused the credentials ({(int)refused.StatusCode} {refused.ErrorCode}).", refused),
                _ => new StorageFailureException(StorageFailureKind.Endpoint,
                    $"The endpoint answered {(int)refused.StatusCode} {refused.ErrorCode}: {refused.Message}", refused),
            };
        }
        catch (Exception unreachable) when (OutboundAddressRefusedException.FoundIn(unreachable) is { } refusal)
        {
            throw new StorageFailureException(StorageFailureKind.Endpoint, refusal.Message, unreachable);
        }
        catch (Exception unreachable) when (unreachable is HttpRequestException or AmazonServiceException or AmazonClientException or TaskCanceledException or IOException)
        {
            throw new StorageFailureException(StorageFailureKind.Endpoint,
                $"The endpoint could not be reached: {Innermost(unreachable).Message}", unreachable);
        }
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }
        return exception;
    }

    public void Dispose() => http.Dispose();

    /// <summary>Hands the SDK the one client whose connections the address policy makes; the SDK neither caches nor disposes it.</summary>
    private sealed class SharedClient(HttpClient client) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => client;

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
