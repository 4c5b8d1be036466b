using Konvrt.Portal.Features.Workspaces;

namespace Konvrt.Portal.UnitTests.Features.Workspaces;

public sealed class WorkspaceNameTests
{
    [Theory]
    [InlineData("alice@example.com", "alice's workspace")]
    [InlineData("no-at-sign", "no-at-sign's workspace")]
    public void A_personal_workspace_is_named_after_the_mailbox(string email, string expected) =>
        Assert.Equal(expected, WorkspaceDirectory.PersonalWorkspaceName(email));
}
