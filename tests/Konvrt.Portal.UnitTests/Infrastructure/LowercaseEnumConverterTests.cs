using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;

namespace Konvrt.Portal.UnitTests.Infrastructure;

public sealed class LowercaseEnumConverterTests
{
    [Theory]
    [InlineData(WorkspacePlan.Free, "free")]
    [InlineData(WorkspacePlan.Pro, "pro")]
    [InlineData(WorkspacePlan.Team, "team")]
    public void Plans_are_stored_as_the_words_the_cli_and_api_use(WorkspacePlan plan, string stored)
    {
        var converter = new LowercaseEnumConverter<WorkspacePlan>();

        Assert.Equal(stored, converter.ConvertToProvider(plan));
        Assert.Equal(plan, converter.ConvertFromProvider(stored));
    }
}
