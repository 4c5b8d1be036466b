namespace Konvrt.Portal.Infrastructure;

public static class ApiRoutes
{
    public const string Prefix = "/api";

    public static bool IsApi(this HttpContext context) => IsApiPath(context.Request.Path);

    public static bool IsApiPath(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
}
