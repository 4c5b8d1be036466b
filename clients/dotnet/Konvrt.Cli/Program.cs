using System.CommandLine;
using Konvrt.Cli;
using Konvrt.Client;

var root = new RootCommand("konvrt: convert images with a Konvrt server. Reads KONVRT_URL and KONVRT_API_KEY.")
{
    ConvertCommand.Create(),
    JobCommands.List(),
    JobCommands.Status(),
    JobCommands.Download(),
    WebhookCommands.Create(),
};
var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync($"error: {error.Message}");
    }
    return ExitCodes.Usage;
}
try
{
    return await parsed.InvokeAsync(invocation);
}
catch (UsageException usage)
{
    await Console.Error.WriteLineAsync($"error: {usage.Message}");
    return ExitCodes.Usage;
}
catch (KonvrtApiException refusal) when (refusal.Status is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
{
    await Console.Error.WriteLineAsync($"error: {refusal.Message}");
    return ExitCodes.Authentication;
}
catch (Exception failure)
{
    // A pipeline's log gets the reason in one line, never a stack trace.
    await Console.Error.WriteLineAsync($"error: {failure.Message}");
    return ExitCodes.SomeFailed;
}
