using System.CommandLine;
using Konvrt.Portal.Features.Admin;
using Konvrt.Portal.Features.Conversion;

namespace Konvrt.Portal.Infrastructure;

/// <summary>
/// The same executable answers <c>admin …</c> and <c>convert …</c> verbs, <c>help</c> and <c>--version</c> instead of
/// serving the portal (which is <c>serve</c>, or no verb at all). The host is built as usual so every verb uses
/// the very services the portal uses.
/// </summary>
public static class PortalCommandLine
{
    private const string ServeVerb = "serve";
    private static readonly string[] HelpWords = ["help", "--help", "-h", "-?"];
    private static readonly string[] Verbs = ["admin", "convert", "--version", .. HelpWords];
    private static readonly string[] ChattyLogCategories =
        ["Default", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.Hosting.Lifetime"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    /// <summary>
    /// Verb options such as <c>--email</c> are not host configuration: the host gets none of them. After
    /// <c>serve</c>, everything is (<c>serve --urls http://0.0.0.0:8080</c>).
    /// </summary>
    public static string[] HostArguments(string[] args) => IsCommand(args) ? [] : args is [ServeVerb, .. var rest] ? rest : args;

    public static IHostApplicationBuilder AddPortalCommandLine(this IHostApplicationBuilder builder, string[] args)
    {
        if (IsCommand(args))
        {
            // stdout belongs to the command's output (a script may read its last line); logs go to stderr.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
            // Configured levels outrank SetMinimumLevel, so quiet the configured categories themselves.
            builder.Configuration.AddInMemoryCollection(
                ChattyLogCategories.Select(category => KeyValuePair.Create<string, string?>($"Logging:LogLevel:{category}", "Warning")));
        }
        return builder;
    }

    public static async Task<int> RunCommandLineAsync(this WebApplication app, string[] args)
    {
        var root = new RootCommand("Konvrt Portal: an image conversion service with a web portal and a REST API.")
        {
            // Never invoked here (serving is not a command line verb's job), only listed so help names it.
            new Command(ServeVerb, "Serve the portal and the API (the default without a verb); host options such as --urls may follow."),
            AdminCommand.Create(app.Services),
            ConvertCommand.Create(app.Services),
        };
        if (HelpWords.Contains(args[0], StringComparer.Ordinal))
        {
            args = ["--help", .. args[1..]];
        }
        var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        try
        {
            return await root.Parse(args).InvokeAsync(invocation);
        }
        catch (Exception exception)
        {
            await invocation.Error.WriteLineAsync($"error: {exception.Message}");
            return 1;
        }
    }
}
