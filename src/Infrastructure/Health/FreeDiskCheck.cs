using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Infrastructure.Health;

/// <summary>Enough free space under the data folder (where uploads are spooled) to take more work.</summary>
public sealed class FreeDiskCheck(PortalPaths paths, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var freeMb = FreeBytes(paths) / (1024 * 1024);
        var needed = options.Value.MinFreeDiskMb;
        // The numbers only, never the path: the answer is public.
        var description = $"{freeMb} MB free, at least {needed} MB needed";
        return Task.FromResult(freeMb >= needed ? HealthCheckResult.Healthy(description) : HealthCheckResult.Unhealthy(description));
    }

    /// <summary>Free space on the disk that holds the data folder: this check's and the admin console's figure.</summary>
    public static long FreeBytes(PortalPaths paths)
    {
        Directory.CreateDirectory(paths.DataRoot);
        return new DriveInfo(paths.DataRoot).AvailableFreeSpace;
    }
}
