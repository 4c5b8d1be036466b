using Konvrt.Portal.Components.Display;

namespace Konvrt.Portal.UnitTests.Components;

public sealed class DisplayTests
{
    [Theory]
    [InlineData(2_097_152, 167_772L, "\u221292.0 %", "92.0 % smaller")]
    [InlineData(1000, 1120L, "+12.0 %", "12.0 % larger")]
    [InlineData(1000, 1000L, "+0.0 %", "0.0 % larger")]
    // 99.96 % smaller would round to 100 %: as if the file had vanished. It stays below.
    [InlineData(1_000_000, 400L, "\u221299.9 %", "99.9 % smaller")]
    public void A_saving_is_shown_to_one_decimal_with_a_true_minus_and_in_words(long input, long output, string shown, string said)
    {
        var change = Saving.Percent(input, output);

        Assert.Equal((shown, said), (Saving.Format(change), Saving.Describe(change)));
    }

    [Fact]
    public void Without_both_sizes_there_is_no_saving_to_show() =>
        Assert.Equal(("", ""), (Saving.Format(Saving.Percent(0, 10)), Saving.Describe(Saving.Percent(1000, null))));

    [Theory]
    [InlineData("UTC", "2026-11-24 14:05 UTC")]
    [InlineData("Europe/Paris", "2026-11-24 15:05 UTC+1")]
    [InlineData("America/New_York", "2026-11-24 09:05 UTC\u22125")]
    [InlineData("Asia/Kolkata", "2026-11-24 19:35 UTC+5:30")]
    public void A_time_is_labelled_with_its_zone_s_offset_on_that_day(string zone, string expected) =>
        Assert.Equal(expected, BrowserTime.Format(new DateTimeOffset(2026, 11, 24, 14, 5, 0, TimeSpan.Zero), TimeZoneInfo.FindSystemTimeZoneById(zone)));
}
