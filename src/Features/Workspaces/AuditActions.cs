namespace Konvrt.Portal.Features.Workspaces;

/// <summary>Every kind of audit entry, named once; the audit page filters by their area (the part before the dot).</summary>
public static class AuditActions
{
    public const string WorkspaceCreated = "workspace.created";
    public const string MemberInvited = "invitation.sent";
    public const string InvitationResent = "invitation.resent";
    public const string InvitationRevoked = "invitation.revoked";
    public const string InvitationAccepted = "invitation.accepted";
    public const string MemberAdded = "member.added";
    public const string MemberRoleChanged = "member.role-changed";
    public const string MemberRemoved = "member.removed";
    public const string MemberLeft = "member.left";
    public const string OwnershipTransferred = "member.ownership-transferred";
    public const string ApiKeyCreated = "api-key.created";
    public const string ApiKeyRevoked = "api-key.revoked";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookUpdated = "webhook.updated";
    public const string WebhookDeleted = "webhook.deleted";
    public const string WebhookSecretRotated = "webhook.secret-rotated";
    public const string StorageCreated = "storage.created";
    public const string StorageDeleted = "storage.deleted";
    public const string PresetSaved = "preset.saved";
    public const string PresetDeleted = "preset.deleted";
    public const string CreditsPurchased = "billing.credits-purchased";
    public const string PlanChanged = "billing.plan-changed";
    public const string CreditsGranted = "billing.credits-granted";
    public const string UserConfirmed = "admin.user-confirmed";
    public const string UserLocked = "admin.user-locked";
    public const string UserUnlocked = "admin.user-unlocked";
    public const string AdministratorMade = "admin.administrator-made";
    public const string AdministratorRemoved = "admin.administrator-removed";
    public const string JobRetried = "admin.job-retried";

    public static IReadOnlyList<string> Areas { get; } = ["workspace", "invitation", "member", "api-key", "webhook", "storage", "preset", "billing", "admin"];

    /// <summary>"member.role-changed" as people read it: "Member role changed".</summary>
    public static string Label(string action)
    {
        var words = action.Replace('.', ' ').Replace('-', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
