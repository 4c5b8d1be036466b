namespace Konvrt.Portal.Features.Storage;

public static class StorageSetup
{
    /// <summary>Workspaces' own S3-compatible buckets: the pipeline's Store step writes there.</summary>
    public static IHostApplicationBuilder AddStorageDestinations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StorageSecrets>();
        builder.Services.AddSingleton<S3Buckets>();
        builder.Services.AddSingleton<StorageDestinations>();
        return builder;
    }
}
