using System.Diagnostics;
using Konvrt.Portal.EndToEndTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.Playwright;
using SixLabors.ImageSharp;

namespace Konvrt.Portal.EndToEndTests.Journeys;

/// <summary>Teams and the way from sign-up to the API, in Debian's chromium against the real portal process.</summary>
[Collection(PortalInABrowser.Name)]
public sealed class TeamJourneys(BrowserSession session)
{
    [BrowserFact]
    public async Task Two_people_work_in_one_team_invite_accept_convert_see_each_others_jobs_and_one_is_removed()
    {
        // Ana makes a team workspace, puts it on the Team plan (simulated in Development) and invites Ben.
        var (ana, _) = await session.SignedInAsync("team-owner");
        var studio = $"Studio {Guid.NewGuid():N}"[..13];
        await ana.ClickAsync("[data-testid=workspace-switcher] button");
        await ana.ClickAsync("[data-testid=new-team]");
        await ana.FillAsync("input[data-testid=team-name]", studio);
        await ana.ClickAsync("[data-testid=create-team]");
        await ana.WaitForURLAsync("**/members");
        await BrowserSession.InteractiveAsync(ana);
        await Assertions.Expect(ana.Locator("[data-testid=workspace-switcher] button")).ToHaveTextAsync(studio);
        await Assertions.Expect(ana.Locator("[data-testid=team-plan-notice]")).ToBeVisibleAsync();
        await BrowserSession.OpenAsync(ana, "/billing");
        await ana.ClickAsync("[data-testid=simulate-plan-team]");
        await BrowserSession.InteractiveAsync(ana);
        await Assertions.Expect(ana.Locator("[data-testid=plan-name]")).ToHaveTextAsync("Team plan");
        await Assertions.Expect(ana.Locator("[data-testid=plan-renewal]")).ToContainTextAsync("Renews on");

        var benEmail = $"ben-{Guid.NewGuid():N}@example.com";
        await BrowserSession.OpenAsync(ana, "/members");
        await ana.ClickAsync("[data-testid=invite]");
        await ana.FillAsync("input[data-testid=invite-email]", benEmail);
        await ana.ClickAsync("[data-testid=invite-send]");
        await Assertions.Expect(ana.Locator("[data-testid=invitation-email]")).ToHaveTextAsync(benEmail);
        // Checked as it stands, not while the confirmation toast fades in (axe reads its colours mid-transition).
        await BrowserSession.OpenAsync(ana, "/members");
        await Assertions.Expect(ana.Locator("[data-testid=invitation-email]")).ToHaveTextAsync(benEmail);
        await session.ScreenshotAsync(ana, "team", "1-invited");
        await session.AssertAccessibleAsync(ana, "the members page");

        // Ben follows the mailed link, signs up through it, confirms, logs in and accepts.
        var ben = await session.NewPageAsync();
        await ben.GotoAsync(await session.LinkMailedToAsync(benEmail));
        // Checked once the live page has taken over: while the circuit starts, the head is being swapped.
        await BrowserSession.InteractiveAsync(ben);
        await Assertions.Expect(ben.Locator("h1")).ToHaveTextAsync($"Join {studio}");
        await session.AssertAccessibleAsync(ben, "the invitation page");
        await ben.ClickAsync("[data-testid=invitation-sign-up]");
        await BrowserSession.SignUpAsync(ben, benEmail);
        await ben.GotoAsync(await Eventually.ValueAsync(async () =>
            await session.LinkMailedToAsync(benEmail) is { } link && link.Contains("ConfirmEmail", StringComparison.Ordinal) ? link : null, "the confirmation mail"));
        await ben.ClickAsync("[data-testid=confirmed-log-in]");
        await ben.FillAsync("[id='Input.Email']", benEmail);
        await ben.FillAsync("[id='Input.Password']", BrowserSession.Password);
        await ben.ClickAsync("form button[type=submit]");
        await ben.WaitForURLAsync("**/invitations/**");
        await BrowserSession.InteractiveAsync(ben);
        await ben.ClickAsync("[data-testid=accept-invitation]");
        await ben.WaitForURLAsync("**/dashboard");
        await BrowserSession.InteractiveAsync(ben);
        await Assertions.Expect(ben.Locator("[data-testid=workspace-switcher] button")).ToHaveTextAsync(studio);
        await session.ScreenshotAsync(ben, "team", "2-ben-joined");

        // Both convert; each sees the other's job.
        await ConvertAsync(ben, "photo3_iphone6_3264x2448.jpg");
        await ConvertAsync(ana, "alpha_paper_2048x1536.png");
        foreach (var person in new[] { ana, ben })
        {
            await BrowserSession.OpenAsync(person, "/jobs");
            await Assertions.Expect(person.Locator("[data-testid=job-grid] tbody tr [data-testid=job-link]"))
                .ToHaveTextAsync(["alpha_paper_2048x1536.png", "photo3_iphone6_3264x2448.jpg"]);
        }
        await session.ScreenshotAsync(ben, "team", "3-each-others-jobs");

        // Ben keeps the convert page open; Ana removes him; his next action finds him in his own workspace.
        await BrowserSession.OpenAsync(ben, "/convert");
        await ben.WaitForSelectorAsync("[data-testid=drop-zone]");
        await BrowserSession.OpenAsync(ana, "/members");
        await ana.ClickAsync("[data-testid=remove-member]");
        await ana.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(ana.Locator("[data-testid=member-email]")).ToHaveCountAsync(1);

        await ben.SetInputFilesAsync("input[type=file]", [BrowserSession.TestImage("heic1_iphone13pro_pug_4032x3024.heic")]);

        await Assertions.Expect(ben.Locator("[data-testid=workspace-switcher] button")).ToHaveTextAsync(benEmail.Split('@')[0] + "'s workspace", new() { Timeout = 30_000 });
        await Assertions.Expect(ben.Locator("[data-testid=workspace-lost]")).ToContainTextAsync($"You are no longer a member of {studio}");
        await session.ScreenshotAsync(ben, "team", "4-ben-removed");
        await BrowserSession.OpenAsync(ana, "/jobs");
        await Assertions.Expect(ana.Locator("[data-testid=job-grid] tbody tr")).ToHaveCountAsync(2);
    }

    [BrowserFact]
    public async Task A_newcomer_signs_up_makes_a_test_key_and_runs_the_quickstart_curl_as_shown_within_a_minute()
    {
        var folder = Directory.CreateTempSubdirectory("konvrt-quickstart-");
        File.Copy(BrowserSession.TestImage("heic1_iphone13pro_pug_4032x3024.heic"), Path.Combine(folder.FullName, "product.heic"));
        var page = await session.NewPageAsync();
        var journey = Stopwatch.StartNew();

        var email = $"first-call-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/Account/Register");
        await BrowserSession.SignUpAsync(page, email);
        await page.GotoAsync(await session.LinkMailedToAsync(email));
        await BrowserSession.LogInAsync(page, email);
        await BrowserSession.OpenAsync(page, "/api-keys");
        await Assertions.Expect(page.Locator("[data-testid=plan-notice]")).ToContainTextAsync("Try the API now with a test key");
        await session.AssertAccessibleAsync(page, "the API keys page of a free workspace");
        await page.ClickAsync("[data-testid=create-key]");
        await page.FillAsync("input[data-testid=key-name]", "first try");
        await page.ClickAsync("[data-testid=create-key-confirm]");
        await page.WaitForSelectorAsync("[data-testid=new-key]");
        await page.GetByLabel("Copy the curl example").ClickAsync();
        // The copy happens on the server's round trip after the click: its confirmation says the clipboard is filled.
        await Assertions.Expect(page.GetByText("curl example copied")).ToBeVisibleAsync();
        var snippet = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Contains("/api/v1/convert", snippet);
        await session.ScreenshotAsync(page, "first-call", "1-test-key");

        var run = await RunAsync(snippet, folder.FullName);
        journey.Stop();

        Assert.True(run.ExitCode == 0, run.Output);
        var made = Path.Combine(folder.FullName, "product.webp");
        var info = Image.Identify(made);
        Assert.Equal("WEBP", info.Metadata.DecodedImageFormat?.Name);
        Assert.True(info.Width * info.Height <= 1_000_000, $"a test key's output is at most a megapixel, not {info.Width}×{info.Height}");
        Assert.True(journey.Elapsed < TimeSpan.FromMinutes(1), $"sign-up to a working API call took {journey.Elapsed}");
        await BrowserSession.OpenAsync(page, "/jobs?test=true");
        await Assertions.Expect(page.Locator("[data-testid=job-grid] tbody tr [data-testid=job-link]")).ToHaveTextAsync(["product.heic"]);
        await session.ScreenshotAsync(page, "first-call", "2-test-job");
        folder.Delete(recursive: true);
    }

    private static async Task ConvertAsync(IPage page, string image)
    {
        await BrowserSession.OpenAsync(page, "/convert");
        await page.WaitForSelectorAsync("[data-testid=drop-zone]");
        await page.SetInputFilesAsync("input[type=file]", [BrowserSession.TestImage(image)]);
        await Assertions.Expect(page.Locator("[data-testid=upload-card][data-phase=completed]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
    }

    /// <summary>The snippet as a newcomer pastes it into a shell, in a folder holding product.heic.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(string script, string folder)
    {
        var start = new ProcessStartInfo("bash", ["-e", "-c", script])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var shell = Process.Start(start)!;
        var output = shell.StandardOutput.ReadToEndAsync();
        var error = shell.StandardError.ReadToEndAsync();
        await shell.WaitForExitAsync();
        return (shell.ExitCode, await output + await error);
    }
}
