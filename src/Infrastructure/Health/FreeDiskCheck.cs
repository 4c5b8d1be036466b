using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Infrastructure.Health;

/// <summary>Enough free space under the data folder (where uploads are spooled) to take more work.</summary>
internal sealed class FreeDiskCheck(PortalPaths paths, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(paths.DataRoot);
        var freeMb = new DriveInfo(paths.DataRoot).AvailableFreeSpace / (1024 * 1024);
        var needed = options.Value.MinFreeDiskMb;
        // The numbers only, never the path: the answer is public.
        var description = $"{freeMb} MB free, at least {needed} MB needed";
        return Task.FromResult(freeMb >= needed ? HealthCheckResult.Healthy(description) : HealthCheckResult.Unhealthy(description));
    }
}
