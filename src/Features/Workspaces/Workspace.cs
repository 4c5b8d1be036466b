namespace Konvrt.Portal.Features.Workspaces;

/// <summary>Owns everything a customer has: API keys, credits, jobs and webhooks belong here, never to a user.</summary>
public sealed class Workspace
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Name { get; set; }
    public WorkspacePlan Plan { get; set; } = WorkspacePlan.Free;
    /// <summary>The workspace made for a user at sign-up; it goes when that user deletes the account.</summary>
    public bool IsPersonal { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<WorkspaceMember> Members { get; init; } = [];
}
