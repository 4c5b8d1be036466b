namespace Konvrt.Portal.Features.Workspaces;

/// <summary>What a change to a team came to: done, or refused with a sentence people (and the CLI's stderr) can read.</summary>
public sealed record TeamOutcome(string? Refusal)
{
    public static TeamOutcome Done { get; } = new((string?)null);

    public bool Succeeded => Refusal is null;

    public static TeamOutcome Refused(string why) => new(why);

    /// <summary>The refusals more than one action gives, worded once.</summary>
    public static TeamOutcome NeedsTeamPlan { get; } =
        Refused("Members beyond the owner need the Team plan. Upgrade the workspace on the Billing page.");

    public static TeamOutcome NotAllowed { get; } = Refused("Your role in this workspace does not allow this.");

    public static TeamOutcome NoSuchMember { get; } = Refused("That person is not a member of this workspace.");

    public static TeamOutcome LastOwner { get; } =
        Refused("A workspace needs an owner: transfer ownership to another member first.");
}
