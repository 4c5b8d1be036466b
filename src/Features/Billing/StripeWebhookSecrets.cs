using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Billing;

/// <summary>
/// The secrets a Stripe webhook may be signed with: <c>Stripe:WebhookSecret</c>, and in the Development
/// environment only a secret made up at start-up for the simulated checkout. No other environment knows
/// that one, so a simulated event cannot be accepted there.
/// </summary>
public sealed class StripeWebhookSecrets(IOptions<StripeOptions> options, IHostEnvironment environment)
{
    public string? Simulation { get; } = environment.IsDevelopment()
        ? "whsec_simulated_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))
        : null;

    public IEnumerable<string> All()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.WebhookSecret))
        {
            yield return options.Value.WebhookSecret;
        }
        if (Simulation is not null)
        {
            yield return Simulation;
        }
    }
}
