using Konvrt.Portal.Features.ApiKeys;
using Microsoft.Extensions.Time.Testing;

namespace Konvrt.Portal.UnitTests.Features.ApiKeys;

public sealed class SlidingWindowLogTests
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UnixEpoch);

    [Fact]
    public void Each_partition_has_its_own_window_and_a_refusal_says_exactly_when_the_next_request_passes()
    {
        var log = new SlidingWindowLog(clock, TimeSpan.FromSeconds(60));
        Assert.Equal(new WindowDecision(true, 2, TimeSpan.FromSeconds(60)), log.Acquire("a", 3));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(new WindowDecision(true, 1, TimeSpan.FromSeconds(50)), log.Acquire("a", 3));
        Assert.Equal(new WindowDecision(true, 0, TimeSpan.FromSeconds(50)), log.Acquire("a", 3));
        Assert.True(log.Acquire("b", 3).Admitted);

        Assert.Equal(new WindowDecision(false, 0, TimeSpan.FromSeconds(50)), log.Acquire("a", 3));
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(new WindowDecision(true, 0, TimeSpan.FromSeconds(10)), log.Acquire("a", 3));
    }

    [Fact]
    public void A_lower_limit_waits_until_enough_requests_have_left_the_window()
    {
        var log = new SlidingWindowLog(clock, TimeSpan.FromSeconds(60));
        for (var second = 0; second < 10; second++)
        {
            Assert.True(log.Acquire("plan", 10).Admitted);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Ten in the window and now a limit of four: the seventh oldest (at 6 s) must leave first, at 66 s.
        var refused = log.Acquire("plan", 4);

        Assert.Equal(new WindowDecision(false, 0, TimeSpan.FromSeconds(56)), refused);
    }

    [Fact]
    public void Requests_refused_are_not_counted()
    {
        var log = new SlidingWindowLog(clock, TimeSpan.FromSeconds(60));
        Assert.True(log.Acquire("a", 1).Admitted);
        for (var i = 0; i < 100; i++)
        {
            Assert.False(log.Acquire("a", 1).Admitted);
        }
        clock.Advance(TimeSpan.FromSeconds(60));

        Assert.True(log.Acquire("a", 1).Admitted);
    }
}
