namespace Konvrt.Portal.Features.Storage;

/// <summary>A destination as the API and the Storage page receive it; the secret is read once, stored encrypted, never shown again.</summary>
public sealed record StorageRequest(
    string? Name,
    string? Endpoint,
    string? Region,
    string? Bucket,
    string? AccessKeyId,
    string? SecretAccessKey,
    bool? ForcePathStyle,
    string? Prefix);

/// <summary>A destination as the API shows it: everything but the secret.</summary>
public sealed record StorageResponse(
    string Name, string? Endpoint, string Region, string Bucket, string AccessKeyId, bool ForcePathStyle, string? Prefix,
    DateTimeOffset CreatedAt, DateTimeOffset CheckedAt)
{
    public static StorageResponse From(StorageDestination destination) => new(
        destination.Name, destination.Endpoint, destination.Region, destination.Bucket, destination.AccessKeyId,
        destination.ForcePathStyle, destination.Prefix, destination.CreatedAt, destination.CheckedAt);
}
