using Bench.Hardware.Simulation;
using Bench.Hardware.Simulation.I2c;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests.I2c;

/// <summary>The rig's I2C devices through the simulated chips and the wiring harness.</summary>
public sealed class I2cRigTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);

    [Test]
    public async Task A_servo_stroke_through_the_reader_is_one_swipe_at_the_strokes_speed()
    {
        var clock = new FakeTimeProvider();
        using var rig = new SimulatedRig(I2cTestRigs.Definition, clock);
        var swipes = new List<SwipeActuation>();
        rig.Harness.SwipeActuated += (_, swipe) => swipes.Add(swipe);

        await I2cTestRigs.RunAsync(clock, rig.Rig.SwipeAsync(), Step);

        Assert.Multiple(() =>
        {
            Assert.That(rig.Harness.SwipeCount, Is.EqualTo(1), "the return stroke is no second swipe");
            // 140° in 300 ms: about 467°/s, measured in 20 ms steps.
            Assert.That(swipes.Single().DegreesPerSecond, Is.EqualTo(467).Within(80));
            Assert.That(rig.Harness.ServoAngle, Is.EqualTo(10).Within(1), "back at rest");
        });
    }

    [Test]
    public async Task A_slow_swipe_passes_the_reader_slower()
    {
        var clock = new FakeTimeProvider();
        using var rig = new SimulatedRig(I2cTestRigs.Definition, clock);
        var swipes = new List<SwipeActuation>();
        rig.Harness.SwipeActuated += (_, swipe) => swipes.Add(swipe);

        await I2cTestRigs.RunAsync(clock, rig.Rig.SwipeAsync(TimeSpan.FromSeconds(2)), Step);

        // 140° in 2 s: 70°/s; the card spends about 0.8 s in the reader window (0.3–0.7 of the stroke).
        Assert.That(swipes.Single().DegreesPerSecond, Is.EqualTo(70).Within(10));
        Assert.That(swipes.Single().PulseLength.TotalSeconds, Is.EqualTo(0.8).Within(0.05));
    }

    [Test]
    public async Task A_late_step_does_not_slow_the_rest_of_the_stroke()
    {
        var clock = new FakeTimeProvider();
        using var rig = new SimulatedRig(I2cTestRigs.Definition, clock);
        var stroke = rig.Rig.SwipeAsync(TimeSpan.FromSeconds(2));

        for (int i = 0; i < 100 && !stroke.IsCompleted; i++)
        {
            clock.Advance(Step);
            await Task.Yield();
        }

        // One timer 300 ms late (a busy machine): the steps it held back go out at once, the rest on their schedule.
        clock.Advance(TimeSpan.FromMilliseconds(300));
        await Task.Yield();
        var pulse = await I2cTestRigs.RunAsync(clock, stroke, Step);

        // Stepping a step after each late one would have ended the forward stroke at 2.3 s.
        Assert.That(clock.GetElapsedTime(pulse.StartTimestamp, pulse.EndTimestamp).TotalSeconds, Is.EqualTo(2).Within(0.03));
    }

    [Test]
    public async Task A_stroke_cut_short_before_the_reader_window_ends_is_no_swipe()
    {
        var clock = new FakeTimeProvider();
        using var rig = new SimulatedRig(I2cTestRigs.Definition, clock);
        using var cancellation = new CancellationTokenSource();
        Task swipe = rig.Rig.SwipeAsync(TimeSpan.FromSeconds(1), cancellation.Token);

        // A third of a 1 s stroke is at 0.33 of the way, inside the window's start.
        for (int i = 0; i < 70; i++)
        {
            clock.Advance(Step);
            await Task.Yield();
        }

        await cancellation.CancelAsync();
        Assert.That(async () => await swipe.WaitAsync(TestRigs.Bound), Throws.InstanceOf<OperationCanceledException>());
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.That(rig.Harness.SwipeCount, Is.Zero);
    }

    [Test]
    public async Task An_expander_relay_cuts_the_phone_line_and_its_sense_reads_back()
    {
        var clock = new FakeTimeProvider();
        using var rig = new SimulatedRig(I2cTestRigs.Definition, clock);
        var expander = rig.I2cBus.Find<SimulatedMcp23017>("relayExpander")!;

        await I2cTestRigs.RunAsync(clock, rig.Rig.SetPhoneLineAsync(false), Step);

        Assert.Multiple(() =>
        {
            Assert.That(rig.Harness.IsPhoneLineConnected, Is.False);
            Assert.That(rig.Harness.IsTerminalPowered, Is.True);
            Assert.That(expander.ReadRegister(0x14) & 0x02, Is.EqualTo(0x02), "OLATA bit 1 energizes the coil");
            Assert.That(expander.ReadRegister(0x13) & 0x02, Is.Zero, "GPB1, the sense contact, pulled to ground");
        });
    }

    [Test]
    public async Task A_stuck_relay_on_the_expander_fails_its_read_back()
    {
        var clock = new FakeTimeProvider();
        using var rig = new SimulatedRig(I2cTestRigs.Definition, clock);
        rig.Harness.StickRelay(RelayRole.PhoneLine, energized: false);

        Task cut = rig.Rig.SetPhoneLineAsync(false);

        var fault = Assert.ThrowsAsync<RigFaultException>(() => I2cTestRigs.RunAsync(clock, cut, Step));
        Assert.That(fault!.Message, Does.Contain("expander 'relayExpander' pin 1"));
    }

    [Test]
    public async Task The_supply_current_follows_the_terminals_power()
    {
        var clock = new FakeTimeProvider();
        using var rig = new SimulatedRig(I2cTestRigs.Definition, clock);

        double on = rig.Rig.SupplyCurrent!.Read().Milliamperes;
        await I2cTestRigs.RunAsync(clock, rig.Rig.SetTerminalPowerAsync(false), Step);
        double off = rig.Rig.SupplyCurrent.Read().Milliamperes;
        using (rig.Harness.TerminalSupply!.BeginTransmit())
        {
            await I2cTestRigs.RunAsync(clock, rig.Rig.SetTerminalPowerAsync(true), Step);
        }

        Assert.Multiple(() =>
        {
            Assert.That(on, Is.EqualTo(150).Within(0.1));
            Assert.That(off, Is.Zero);
            Assert.That(rig.Rig.SupplyCurrent.Read().Milliamperes, Is.EqualTo(150).Within(0.1), "the burst ended");
        });
    }

    [Test]
    public async Task A_power_relay_stuck_closed_without_a_sense_contact_is_caught_by_the_supply_current()
    {
        var clock = new FakeTimeProvider();
        RigDefinition definition = I2cTestRigs.Definition with
        {
            TerminalPower = new RelayDefinition { Expander = "relayExpander", Pin = 0 },
        };
        using var rig = new SimulatedRig(definition, clock);
        rig.Harness.StickRelay(RelayRole.TerminalPower, energized: false);

        Task cut = rig.Rig.SetTerminalPowerAsync(false);

        var fault = Assert.ThrowsAsync<RigFaultException>(() => I2cTestRigs.RunAsync(clock, cut, Step));
        Assert.That(fault!.Message, Does.Contain("still draws 150 mA"));
    }

    [Test]
    public async Task The_rig_check_passes_every_step_and_ends_in_the_safe_state()
    {
        var clock = new FakeTimeProvider();
        using var rig = new SimulatedRig(I2cTestRigs.Definition, clock);

        RigCheckReport report = await I2cTestRigs.RunAsync(clock, new RigCheck(rig.Rig, clock).RunAsync(), Step);

        Assert.Multiple(() =>
        {
            Assert.That(report.Passed, Is.True, string.Join("\n", report.Failures));
            Assert.That(report.Rows.Count(row => row.Verdict == RigCheckVerdict.Pass), Is.EqualTo(13));
            Assert.That(rig.Harness.IsTerminalPowered && rig.Harness.IsPhoneLineConnected && rig.Harness.IsSimPowered, Is.True);
            Assert.That(rig.Harness.AttenuationDecibels, Is.Zero);
            Assert.That(rig.Harness.SwipeCount, Is.EqualTo(1));
        });
    }
}
