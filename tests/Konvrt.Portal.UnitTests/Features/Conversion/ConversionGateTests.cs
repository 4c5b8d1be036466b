using Konvrt.Portal.Features.Conversion;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

public sealed class ConversionGateTests
{
    [Fact]
    public async Task No_more_than_max_concurrency_conversions_run_at_once_and_the_next_starts_when_one_ends()
    {
        using var gate = new ConversionGate(2);
        var first = await gate.EnterAsync(CancellationToken.None);
        var second = await gate.EnterAsync(CancellationToken.None);

        var third = gate.EnterAsync(CancellationToken.None);
        await Task.Yield();
        Assert.False(third.IsCompleted);

        first.Dispose();
        var entered = await third.WaitAsync(TimeSpan.FromSeconds(10));
        entered.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task A_caller_giving_up_while_waiting_leaves_the_gate_as_it_was()
    {
        using var gate = new ConversionGate(1);
        var holder = await gate.EnterAsync(CancellationToken.None);
        using var giveUp = new CancellationTokenSource();

        var waiting = gate.EnterAsync(giveUp.Token);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        holder.Dispose();
        holder.Dispose();
        using var next = await gate.EnterAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var another = gate.EnterAsync(CancellationToken.None);
        await Task.Yield();
        Assert.False(another.IsCompleted, "disposing a turn twice must not release two slots");
    }
}
