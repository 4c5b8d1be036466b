using Konvrt.Portal.Features.Conversion;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>The stable error codes a failed job carries; clients and the portal switch on them.</summary>
public static class JobErrors
{
    public const string Timeout = "timeout";
    public const string Internal = "internal-error";
    public const string InputMissing = "input-missing";
    public const string AttemptsExhausted = "attempts-exhausted";

    public static string CodeFor(ConversionError error) => error.Code();
}
