using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace Konvrt.Portal.Components;

/// <summary>
/// Which portal addresses the live app shows itself, and which need a full page load (the account pages, the landing
/// page, the API reference, downloads): read once from the components' own routes, so a new page is known at once.
/// </summary>
public static class InteractiveRoutes
{
    private static readonly string[][] Templates = [.. typeof(InteractiveRoutes).Assembly.GetTypes()
        .Where(type => typeof(IComponent).IsAssignableFrom(type) && type.GetCustomAttribute<ExcludeFromInteractiveRoutingAttribute>() is null)
        .SelectMany(type => type.GetCustomAttributes<RouteAttribute>())
        .Select(route => Segments(route.Template))];

    /// <summary>Whether <paramref name="relativePath"/> (as <see cref="NavigationManager.ToBaseRelativePath"/> gives it) stays in the live app.</summary>
    public static bool Serves(string relativePath)
    {
        var path = Segments(relativePath.Split('?', '#')[0]);
        return Templates.Any(template => Matches(template, path));
    }

    private static bool Matches(string[] template, string[] path)
    {
        for (var index = 0; index < template.Length; index++)
        {
            if (template[index].StartsWith("{*", StringComparison.Ordinal))
            {
                return true;
            }
            if (index >= path.Length || !(template[index].StartsWith('{') || string.Equals(template[index], path[index], StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }
        return template.Length == path.Length;
    }

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
