using Bunit;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Jobs.Uploads;
using Konvrt.Portal.Features.Presets;
using Konvrt.Portal.Features.Storage;
using Konvrt.Portal.Features.Webhooks;
using Konvrt.Portal.Features.Workspaces;
using Microsoft.AspNetCore.Components;

namespace Konvrt.Portal.ComponentTests.Features.Workspaces;

/// <summary>
/// Each role on each page that changes something: the page's own controls where the role may act, and where it may
/// not, no controls (a sentence instead). Written out per role, as <see cref="WorkspaceRightsTests"/> does for the table.
/// </summary>
public sealed class RolePagesTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>A page and the control only a role that may use it is offered.</summary>
    private static readonly Dictionary<string, (Type Page, string Control)> Pages = new()
    {
        ["convert"] = (typeof(ConvertPage), "[data-testid=drop-zone]"),
        ["api keys"] = (typeof(ApiKeysPage), "[data-testid=create-key]"),
        ["presets"] = (typeof(PresetsPage), "[data-testid=add-preset]"),
        ["storage"] = (typeof(StoragePage), "[data-testid=add-storage]"),
        ["webhooks"] = (typeof(WebhooksPage), "[data-testid=add-webhook]"),
        ["members"] = (typeof(MembersPage), "[data-testid=invite]"),
        ["audit log"] = (typeof(AuditPage), "[data-testid=audit-log]"),
        ["billing"] = (typeof(BillingPage), "[data-testid=billing-balance]"),
    };

    public static TheoryData<WorkspaceRole, string, bool> Matrix()
    {
        var allowed = new Dictionary<WorkspaceRole, string[]>
        {
            [WorkspaceRole.Viewer] = [],
            [WorkspaceRole.Developer] = ["convert", "api keys"],
            [WorkspaceRole.Admin] = ["convert", "api keys", "presets", "storage", "webhooks", "members", "audit log"],
            [WorkspaceRole.Owner] = ["convert", "api keys", "presets", "storage", "webhooks", "members", "audit log", "billing"],
        };
        var data = new TheoryData<WorkspaceRole, string, bool>();
        foreach (var (role, pages) in allowed)
        {
            foreach (var page in Pages.Keys)
            {
                data.Add(role, page, pages.Contains(page));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_role_is_offered_a_page_s_controls_exactly_where_it_may_use_them(WorkspaceRole role, string page, bool allowed)
    {
        if (role == WorkspaceRole.Owner)
        {
            await OwnTeamAsync();
        }
        else
        {
            await JoinTeamAsync(role);
        }
        var (type, control) = Pages[page];

        var rendered = Render<DynamicComponent>(parameters => parameters.Add(p => p.Type, type));

        rendered.WaitForAssertion(() => Assert.NotEmpty(rendered.FindAll("h1")), Wait);
        // Let the page load what it shows (its caller, its rows) before looking for what it offers.
        rendered.WaitForAssertion(() => Assert.True(rendered.FindAll(".mud-progress-linear").Count == 0, rendered.Markup), Wait);
        Assert.Equal(allowed, rendered.FindAll(control).Count > 0);
    }
}
