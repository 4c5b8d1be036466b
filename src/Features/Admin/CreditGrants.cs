using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Workspaces;

namespace Konvrt.Portal.Features.Admin;

/// <summary>Credits given by an administrator, from the console or the CLI: in the ledger and the audit log in one transaction.</summary>
public sealed class CreditGrants(CreditLedger ledger, AuditTrail audit)
{
    public const string DefaultReason = "Granted by an administrator";

    public Task GrantAsync(Guid workspaceId, int credits, string? reason, AuditActor actor, CancellationToken cancellationToken)
    {
        var description = reason is { Length: > 0 } why ? why.Trim() : DefaultReason;
        return ledger.CreditAsync(workspaceId, CreditEntryKind.Grant, credits, externalRef: null, description, cancellationToken, db =>
        {
            audit.Add(db, workspaceId, actor, AuditActions.CreditsGranted, $"{credits:N0} credits", description);
            return Task.CompletedTask;
        });
    }
}
