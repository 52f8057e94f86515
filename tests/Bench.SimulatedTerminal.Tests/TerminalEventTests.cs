using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>Subscribers of the terminal's events run outside its lock, in order, and cannot break the firmware.</summary>
public sealed class TerminalEventTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Test]
    public async Task A_state_change_handler_can_wait_for_another_thread_that_uses_the_terminal()
    {
        await using var rig = await TerminalRig.CreateAsync();
        var states = new List<(TerminalState State, bool OtherThreadGotIn)>();
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Terminal.StateChanged += (_, to) =>
        {
            // Under the terminal's lock this other thread could not get in before the handler returned.
            var gotIn = Task.Run(() => rig.Terminal.IsPoweredOn).Wait(Patience);
            lock (states) states.Add((to, gotIn));
            if (to == TerminalState.Idle) idle.TrySetResult();
        };

        await rig.PowerOnAsync();
        await idle.Task.WaitAsync(rig.Token);

        lock (states)
        {
            Assert.That(states.Select(s => s.State), Is.EqualTo(new[] { TerminalState.Booting, TerminalState.SigningOn, TerminalState.Idle }));
            Assert.That(states.Select(s => s.OtherThreadGotIn), Is.All.True);
        }
    }

    [Test]
    public async Task A_console_handler_can_wait_for_another_thread_that_uses_the_terminal()
    {
        await using var rig = await TerminalRig.StartAsync();
        var ignored = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Terminal.ConsoleLineWritten += line =>
        {
            if (line.Text.StartsWith("SWIPE IGNORED", StringComparison.Ordinal))
                ignored.TrySetResult(Task.Run(() => rig.Terminal.IsPoweredOn).Wait(Patience));
        };

        Assert.That(rig.Terminal.Swipe(TerminalRig.Card.RawTrack), Is.False);

        Assert.That(await ignored.Task.WaitAsync(rig.Token), Is.True, "the other thread got in while the handler ran");
    }

    [Test]
    public async Task A_throwing_handler_does_not_stop_the_firmware()
    {
        await using var rig = await TerminalRig.CreateAsync();
        rig.Terminal.StateChanged += (_, _) => throw new InvalidOperationException("subscriber bug");
        rig.Terminal.ConsoleLineWritten += _ => throw new InvalidOperationException("subscriber bug");

        await rig.PowerOnAsync();
        var result = await rig.SellAsync(100);

        Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
    }
}
