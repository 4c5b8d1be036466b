namespace Konvrt.Portal.Features.Jobs;

/// <summary>Every file of a job lives under its workspace's folder.</summary>
public static class BlobKeys
{
    public static string Input(Guid workspaceId, Guid jobId) => $"{workspaceId:N}/inputs/{jobId:N}";

    public static string Output(Guid workspaceId, Guid jobId, string extension) => $"{workspaceId:N}/outputs/{jobId:N}{extension}";
}
