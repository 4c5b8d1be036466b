using System.CommandLine;
using Konvrt.Client;

namespace Konvrt.Cli;

/// <summary><c>konvrt webhooks verify --secret … --id … --timestamp … --signature … &lt; payload</c>: debugging a receiver.</summary>
internal static class WebhookCommands
{
    public static Command Create()
    {
        var secret = new Option<string>("--secret") { Description = "The endpoint's secret (whsec_…).", Required = true };
        var id = new Option<string>("--id") { Description = "The webhook-id header.", Required = true };
        var timestamp = new Option<string>("--timestamp") { Description = "The webhook-timestamp header.", Required = true };
        var signature = new Option<string>("--signature") { Description = "The webhook-signature header.", Required = true };
        var anyTime = new Option<bool>("--any-time") { Description = "Check the signature of an old message too (replayed from a log)." };
        var verify = new Command("verify", "Check a webhook's signature; the body, exactly as received, on standard input.") { secret, id, timestamp, signature, anyTime };
        verify.SetAction(async (parse, cancellationToken) =>
        {
            var body = await Console.In.ReadToEndAsync(cancellationToken);
            var verifier = new WebhookVerifier(parse.GetValue(secret)!) { Tolerance = parse.GetValue(anyTime) ? TimeSpan.MaxValue : TimeSpan.FromMinutes(5) };
            if (verifier.IsValid(parse.GetValue(id), parse.GetValue(timestamp), parse.GetValue(signature), body))
            {
                Console.WriteLine("valid: signed with this secret");
                return ExitCodes.Done;
            }
            Console.WriteLine("invalid: not signed with this secret for this body, or older than 5 minutes (--any-time checks old ones)");
            return ExitCodes.SomeFailed;
        });
        return new Command("webhooks", "Webhook helpers.") { verify };
    }
}
