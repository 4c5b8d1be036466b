namespace Konvrt.Cli;

/// <summary>What a pipeline reads from <c>konvrt</c>'s exit.</summary>
internal static class ExitCodes
{
    public const int Done = 0;
    public const int SomeFailed = 1;
    public const int Usage = 2;
    public const int Authentication = 3;
}
