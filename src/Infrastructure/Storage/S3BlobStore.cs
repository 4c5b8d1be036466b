using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Konvrt.Portal.Infrastructure.Storage;

/// <summary>
/// Blobs as objects of one S3-compatible bucket (<c>Storage:S3:*</c>), for instances that share no disk. A write
/// is received into the data folder's temporary space first and then sent in one PUT: S3 makes a PUT visible whole
/// or not at all, and the SDK needs the length up front. The bucket is the operator's own, often on a private
/// network (MinIO beside the portal), so unlike a workspace's storage destination it is not held to the outbound
/// address policy.
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    private readonly S3StorageOptions options;
    private readonly AmazonS3Client client;
    private readonly string spool;

    public S3BlobStore(StorageOptions storage, PortalPaths paths)
    {
        options = storage.S3;
        options.Validate();
        spool = paths.Temporary;
        var config = S3Config.For(options.ServiceUrl, options.Region, options.ForcePathStyle);
        client = string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    public async Task<long> WriteAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(spool);
        var temporary = Path.Combine(spool, $"s3-{Guid.NewGuid():N}{LocalDiskBlobStore.TemporarySuffix}");
        try
        {
            await using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            await write(file, cancellationToken);
            // A writer whose caller gave up commits nothing, however far it got.
            cancellationToken.ThrowIfCancellationRequested();
            file.Position = 0;
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = options.Bucket,
                Key = BlobKey.Validate(key),
                InputStream = file,
                AutoCloseStream = false,
                // A plain signed body: aws-chunked uploads are not understood by every S3-compatible server.
                UseChunkEncoding = false,
            }, cancellationToken);
            return file.Length;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetObjectAsync(options.Bucket, BlobKey.Validate(key), cancellationToken);
            return new BlobContent(response.ResponseStream, response.ContentLength);
        }
        catch (AmazonS3Exception missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetObjectMetadataAsync(options.Bucket, BlobKey.Validate(key), cancellationToken);
            return true;
        }
        catch (AmazonS3Exception missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<StoreSize> MeasureAsync(int maxObjects, CancellationToken cancellationToken)
    {
        long bytes = 0, blobs = 0;
        var request = new ListObjectsV2Request { BucketName = options.Bucket };
        ListObjectsV2Response page;
        do
        {
            page = await client.ListObjectsV2Async(request, cancellationToken);
            foreach (var blob in page.S3Objects ?? [])
            {
                bytes += blob.Size ?? 0;
                blobs++;
            }
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true && blobs < maxObjects);
        return new StoreSize(bytes, blobs, Complete: page.IsTruncated != true);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        // S3 answers a delete of a missing key with success, as this interface wants.
        await client.DeleteObjectAsync(options.Bucket, BlobKey.Validate(key), cancellationToken);

    /// <summary>A short-lived GET URL that downloads the object under <paramref name="fileName"/>, or null when downloads are not presigned.</summary>
    public async Task<Uri?> PresignDownloadAsync(string key, string fileName, string contentType)
    {
        if (!options.PresignDownloads)
        {
            return null;
        }
        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = options.Bucket,
            Key = BlobKey.Validate(key),
            Verb = HttpVerb.GET,
            // The bucket checks the expiry against the real time, whatever clock the portal runs on.
            Expires = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(options.PresignMinutes),
            Protocol = options.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
            ResponseHeaderOverrides = new ResponseHeaderOverrides
            {
                ContentType = contentType,
                ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = fileName }.ToString(),
            },
        });
        return new Uri(url);
    }

    public void Dispose() => client.Dispose();
}
