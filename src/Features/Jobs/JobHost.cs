namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// Who holds a lease: this machine, this process and this start of it, then which of its runners (a worker, or a
/// request running its own job). Logs and the database name the holder the same way.
/// </summary>
public static class JobHost
{
    private static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public static string Owner(string runner) => $"{Instance}/{runner}";

    /// <summary>The instance part of a lease holder's name.</summary>
    public static string InstanceOf(string owner) => owner.Split('/')[0];
}
