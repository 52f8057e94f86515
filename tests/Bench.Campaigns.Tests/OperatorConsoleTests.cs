using Bench.Campaigns.Stations;
using Bench.Hardware;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Campaigns.Tests;

/// <summary>Operator steps: a prompt and Enter when attended, a rig fault when nobody is there.</summary>
public sealed class OperatorConsoleTests
{
    /// <summary>An operator who takes <paramref name="takes"/> (on the fake clock) to do the step and press Enter.</summary>
    private sealed class SlowOperator(FakeTimeProvider time, TimeSpan takes, string? answer = "") : TextReader
    {
        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            time.Advance(takes);
            return ValueTask.FromResult(answer);
        }
    }

    [Test]
    public async Task An_attended_step_prints_the_instruction_waits_for_enter_and_returns_the_wait()
    {
        var time = new FakeTimeProvider();
        var output = new StringWriter();
        var console = new OperatorConsole(new SlowOperator(time, TimeSpan.FromSeconds(7)), output, time, attended: true);

        var step = await console.PerformAsync("Swipe the test card now, then press Enter", new StationTimeline(null), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(output.ToString(), Does.Contain("Swipe the test card now, then press Enter"));
            Assert.That(step.Waited, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(step.EndedNanoseconds, Is.GreaterThan(step.StartedNanoseconds));
        });
    }

    [Test]
    public void An_unattended_run_turns_a_step_into_a_rig_fault_that_names_it()
    {
        var output = new StringWriter();
        var console = new OperatorConsole(new StringReader("\n"), output, TimeProvider.System, attended: false);

        var error = Assert.ThrowsAsync<RigFaultException>(() => console.PerformAsync("Swipe the test card now, then press Enter", new StationTimeline(null), CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("unattended").And.Contain("Swipe the test card now"));
        Assert.That(output.ToString(), Is.Empty, "nobody is there to read a prompt");
        Assert.That(OperatorConsole.Unattended.Attended, Is.False);
    }

    [Test]
    public void A_console_that_closes_before_enter_is_a_rig_fault()
    {
        var time = new FakeTimeProvider();
        var console = new OperatorConsole(new SlowOperator(time, TimeSpan.FromSeconds(1), answer: null), TextWriter.Null, time, attended: true);

        Assert.That(() => console.PerformAsync("Swipe", new StationTimeline(null), CancellationToken.None),
            Throws.InstanceOf<RigFaultException>().With.Message.Contains("closed before the operator confirmed"));
    }
}
