namespace Konvrt.Portal.Infrastructure.Storage;

/// <summary>Where the portal keeps uploads and outputs.</summary>
public enum StorageProvider
{
    /// <summary>Files under the data folder: one machine, or several sharing one volume.</summary>
    Disk,

    /// <summary>One S3-compatible bucket (AWS S3, MinIO, R2…) that every instance reads and writes.</summary>
    S3,
}

/// <summary><c>Storage:*</c> settings: the portal's own storage (customers' buckets are storage destinations, set per workspace).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Disk;

    public S3StorageOptions S3 { get; set; } = new();

    public static StorageOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<StorageOptions>() ?? new StorageOptions();
}

/// <summary><c>Storage:S3:*</c>.</summary>
public sealed class S3StorageOptions
{
    /// <summary>The endpoint of an S3-compatible server (<c>https://minio.internal:9000</c>); empty for AWS S3 itself.</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    public string Bucket { get; set; } = "";

    /// <summary>Empty to take credentials from the environment (AWS_ACCESS_KEY_ID, an instance role…).</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary><c>endpoint/bucket/key</c> instead of <c>bucket.endpoint/key</c>: what MinIO and most compatible servers need.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Downloads answer 302 to a short-lived presigned URL of the bucket instead of streaming through the portal.</summary>
    public bool PresignDownloads { get; set; }

    /// <summary>How long a presigned download URL stays valid: 1 minute to 7 days (S3's own maximum).</summary>
    public int PresignMinutes { get; set; } = 10;

    /// <summary>Read before the services exist, so checked here: start-up fails with what to set.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            throw new InvalidOperationException("Storage:Provider is S3: set Storage:S3:Bucket (and ServiceUrl for a server other than AWS S3).");
        }
        if (PresignMinutes is < 1 or > 7 * 24 * 60)
        {
            throw new InvalidOperationException("Storage:S3:PresignMinutes is between 1 and 10080 (7 days, S3's longest).");
        }
    }
}
