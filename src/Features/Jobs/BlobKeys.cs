namespace Konvrt.Portal.Features.Jobs;

/// <summary>Every file of a job lives under its workspace's folder.</summary>
public static class BlobKeys
{
    public static string Input(Guid workspaceId, Guid jobId) => $"{workspaceId:N}/inputs/{jobId:N}";

    /// <summary>An output's file; output names are unique within a job and safe in a path.</summary>
    public static string Output(Guid workspaceId, Guid jobId, string outputName, string extension) => $"{workspaceId:N}/outputs/{jobId:N}/{outputName}{extension}";
}
