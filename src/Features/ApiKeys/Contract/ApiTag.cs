using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.ApiKeys.Contract;

/// <summary>A group of operations in the API reference (a sidebar section, a generated client's class), named and described once.</summary>
public sealed record ApiTag(string Name, string Description)
{
    /// <summary>Describes each tag the document uses from the <see cref="ApiTag"/> its endpoints carry.</summary>
    internal static void Describe(OpenApiDocument document, IEnumerable<ApiTag> declared)
    {
        var descriptions = declared.DistinctBy(tag => tag.Name).ToDictionary(tag => tag.Name, tag => tag.Description, StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(
            (document.Tags ?? new HashSet<OpenApiTag>()).Select(tag => new OpenApiTag { Name = tag.Name, Description = descriptions.GetValueOrDefault(tag.Name ?? "") ?? tag.Description }));
    }
}

public static class ApiTags
{
    public static TBuilder WithApiTag<TBuilder>(this TBuilder endpoints, ApiTag tag) where TBuilder : IEndpointConventionBuilder =>
        endpoints.WithTags(tag.Name).WithMetadata(tag);
}
