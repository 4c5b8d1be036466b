using NetArchTest.Rules;

namespace Konvrt.Portal.UnitTests.Architecture;

/// <summary>
/// Features depend on each other in one direction only: each may use the ones listed before it, never one
/// after it. A new dependency against the order — and with it any cycle — fails here, naming the types.
/// </summary>
public sealed class FeatureBoundaryTests
{
    private const string Features = "Konvrt.Portal.Features.";

    /// <summary>
    /// Bottom to top. Conversion is the engine and knows no feature. Workspaces attach to accounts through a seam
    /// Accounts owns (<c>IAccountLifecycleHooks</c>); Billing and Webhooks react to jobs through seams Jobs owns
    /// (<c>IJobCharges</c>, <c>IJobNotifications</c>), and Webhooks to low credits through one Billing owns
    /// (<c>ILowBalanceSubscriber</c>); presets and storage destinations are what a job is asked to make and where
    /// to put it, so jobs use them and they know nothing of jobs; the dashboard, the landing page and the admin
    /// verbs sit on top.
    /// </summary>
    public static readonly string[] Order =
    [
        "Conversion",
        "Accounts",
        "Workspaces",
        "ApiKeys",
        "Presets",
        "Storage",
        "Jobs",
        "Billing",
        "Webhooks",
        "Dashboard",
        "Landing",
        "Admin",
    ];

    public static TheoryData<string> Layers => [.. Order];

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_feature_uses_only_the_features_below_it(string feature)
    {
        var above = Order.SkipWhile(name => name != feature).Skip(1).Select(name => Features + name).ToArray();
        if (above.Length == 0)
        {
            return;
        }

        var result = Types.InAssembly(typeof(Program).Assembly)
            .That().ResideInNamespace(Features + feature)
            .Should().NotHaveDependencyOnAny(above)
            .GetResult();

        Assert.True(result.IsSuccessful,
            $"{feature} reaches up to a feature above it:\n" + string.Join("\n", (result.FailingTypes ?? []).Select(type => type.FullName)));
    }

    [Fact]
    public void Every_feature_folder_has_a_place_in_the_order()
    {
        var namespaces = typeof(Program).Assembly.GetTypes()
            .Select(type => type.Namespace)
            .Where(ns => ns?.StartsWith(Features, StringComparison.Ordinal) == true)
            .Select(ns => ns![Features.Length..].Split('.')[0])
            .Distinct();

        Assert.Empty(namespaces.Except(Order));
    }
}
