namespace Konvrt.Portal.EndToEndTests.Support;

/// <summary>
/// A test that needs Debian's chromium. Without it, outside CI the test reports itself skipped and says
/// why; under <c>CI=true</c> it runs, and fails, since CI must have installed it.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"End-to-end tests need Debian's chromium at {ChromiumPath} (apt-get install chromium); .ci/run installs it.";
        }
    }
}
