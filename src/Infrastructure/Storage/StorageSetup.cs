namespace Konvrt.Portal.Infrastructure.Storage;

public static class StorageSetup
{
    /// <summary><c>Storage:Provider</c>: the data folder's disk unless told otherwise.</summary>
    public static IServiceCollection AddPortalStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = StorageOptions.From(configuration);
        services.AddSingleton(storage);
        // The disk store stays registered either way: its start-up and sweeps clear half-written temporary files.
        services.AddSingleton<LocalDiskBlobStore>();
        if (storage.Provider == StorageProvider.S3)
        {
            services.AddSingleton<S3BlobStore>();
            services.AddSingleton<IBlobStore>(provider => provider.GetRequiredService<S3BlobStore>());
        }
        else
        {
            services.AddSingleton<IBlobStore>(provider => provider.GetRequiredService<LocalDiskBlobStore>());
        }
        return services;
    }
}
