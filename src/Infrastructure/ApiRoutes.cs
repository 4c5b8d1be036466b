namespace Konvrt.Portal.Infrastructure;

public static class ApiRoutes
{
    public const string Prefix = "/api";

    public static bool IsApi(this HttpContext context) =>
        context.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
}
