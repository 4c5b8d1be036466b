using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Konvrt.Portal.Infrastructure.Health;

/// <summary>The blob store answers (the bucket, on S3; the folder, on local disk): a look-up of a key that need not exist.</summary>
internal sealed class StorageCheck(IBlobStore blobs, ILogger<StorageCheck> logger) : IHealthCheck
{
    private const string ProbeKey = "health/probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await blobs.ExistsAsync(ProbeKey, cancellationToken);
            return HealthCheckResult.Healthy("answers");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The reason goes to the log; the public answer says only that storage does not answer.
            logger.LogWarning(exception, "The blob store did not answer the readiness check");
            return HealthCheckResult.Unhealthy("does not answer");
        }
    }
}
