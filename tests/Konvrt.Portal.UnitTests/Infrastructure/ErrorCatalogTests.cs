using Konvrt.Portal.Infrastructure.Errors;

namespace Konvrt.Portal.UnitTests.Infrastructure;

/// <summary>The one table of failures is consistent, and the docs describe every problem type it answers with.</summary>
public sealed class ErrorCatalogTests
{
    [Fact]
    public void Every_code_has_one_row_and_a_type_means_one_status()
    {
        Assert.Equal(ErrorCatalog.All.Count, ErrorCatalog.All.Select(error => error.Code).Distinct().Count());
        Assert.All(ErrorCatalog.All.GroupBy(error => error.Type), sameType => Assert.Single(sameType.Select(error => error.Status).Distinct()));
        Assert.All(ErrorCatalog.All, error => Assert.StartsWith(ErrorCatalog.TypeBase, error.Type, StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_codes_are_our_failure()
    {
        Assert.Same(ErrorCatalog.Internal, ErrorCatalog.ForCode("no-such-code"));
        Assert.Same(ErrorCatalog.Internal, ErrorCatalog.ForCode(null));
        Assert.Same(ErrorCatalog.InputMissing, ErrorCatalog.ForCode("input-missing"));
    }

    [Fact]
    public void The_api_docs_list_every_problem_type_with_its_status()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "api.md"));

        foreach (var error in ErrorCatalog.All)
        {
            var row = docs.Split('\n').FirstOrDefault(line => line.StartsWith('|') && line.Contains($"`{error.TypeName}`", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/api.md has no row for {error.TypeName}");
            Assert.Contains(error.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Konvrt.Portal.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }
}
