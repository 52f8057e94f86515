using System.Device.Gpio;
using Bench.Hardware.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests;

[TestFixture]
public sealed class WiringHarnessTests
{
    private FakeTimeProvider clock = null!;
    private SimulatedRig rig = null!;

    [SetUp]
    public void SetUp()
    {
        clock = new FakeTimeProvider();
        rig = TestRigs.Create(clock);
    }

    [TearDown]
    public void TearDown() => rig.Dispose();

    [Test]
    public async Task A_full_solenoid_stroke_is_a_swipe_reported_at_the_end_of_the_pulse()
    {
        List<SwipeActuation> swipes = [];
        rig.Harness.SwipeActuated += (_, swipe) => swipes.Add(swipe);

        SwipePulse pulse = await TestRigs.AdvanceThrough(clock, () => rig.Rig.SwipeAsync(), SimulatedRig.DefaultDefinition.Swipe!.Dwell);

        Assert.That(swipes, Has.Count.EqualTo(1));
        Assert.That(swipes[0].PulseLength, Is.EqualTo(TimeSpan.FromMilliseconds(150)));
        Assert.That(swipes[0].PulseStartTimestamp, Is.EqualTo(pulse.StartTimestamp));
        Assert.That(swipes[0].PulseEndTimestamp, Is.EqualTo(pulse.EndTimestamp));
        Assert.That(rig.Harness.SwipeCount, Is.EqualTo(1));
    }

    [Test]
    public void A_pulse_shorter_than_a_stroke_is_not_a_swipe()
    {
        int swipes = 0;
        rig.Harness.SwipeActuated += (_, _) => swipes++;
        using var cancellation = new CancellationTokenSource();

        Task<SwipePulse> swipe = rig.Rig.SwipeAsync(cancellation.Token);
        Assert.That(rig.Harness.IsSolenoidEnergized, Is.True);
        clock.Advance(TimeSpan.FromMilliseconds(49));
        cancellation.Cancel();

        Assert.That(async () => await swipe.WaitAsync(TestRigs.Bound), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(rig.Harness.IsSolenoidEnergized, Is.False);
        Assert.That(swipes, Is.Zero);
    }

    [Test]
    public void The_harness_counts_any_long_enough_pulse_whoever_drives_the_pin()
    {
        int swipes = 0;
        rig.Harness.SwipeActuated += (_, _) => swipes++;

        // Straight through the controller, bypassing the solenoid's dwell and re-arm: physics honours only length.
        rig.Controller.Write(18, PinValue.High);
        clock.Advance(TimeSpan.FromMilliseconds(50));
        rig.Controller.Write(18, PinValue.Low);
        rig.Controller.Write(18, PinValue.High);
        clock.Advance(TimeSpan.FromMilliseconds(60));
        rig.Controller.Write(18, PinValue.Low);

        Assert.That(swipes, Is.EqualTo(2));
    }

    [Test]
    public async Task Relays_switch_the_terminal_power_phone_line_and_sim_power()
    {
        List<(string Circuit, bool IsOn, long Timestamp)> events = [];
        rig.Harness.TerminalPowerChanged += (_, change) => events.Add(("power", change.IsOn, change.Timestamp));
        rig.Harness.PhoneLineChanged += (_, change) => events.Add(("line", change.IsOn, change.Timestamp));
        rig.Harness.SimPowerChanged += (_, change) => events.Add(("sim", change.IsOn, change.Timestamp));
        long before = clock.GetTimestamp();

        await TestRigs.AdvanceThrough(clock, () => rig.Rig.SetPhoneLineAsync(connected: false), TestRigs.Settle);
        Assert.That(rig.Harness.IsPhoneLineConnected, Is.False);
        await TestRigs.AdvanceThrough(clock, () => rig.Rig.SetSimPowerAsync(powered: false), TestRigs.Settle);
        Assert.That(rig.Harness.IsSimPowered, Is.False);
        await TestRigs.AdvanceThrough(clock, () => rig.Rig.SetTerminalPowerAsync(powered: false), TestRigs.Settle);
        Assert.That(rig.Harness.IsTerminalPowered, Is.False);
        await TestRigs.AdvanceThrough(clock, () => rig.Rig.SetPhoneLineAsync(connected: true), TestRigs.Settle);

        Assert.That(events.Select(e => (e.Circuit, e.IsOn)), Is.EqualTo(new[]
        {
            ("line", false), ("sim", false), ("power", false), ("line", true),
        }));
        Assert.That(clock.GetElapsedTime(before, events[1].Timestamp), Is.EqualTo(TestRigs.Settle));
        Assert.That(events.Select(e => e.Timestamp), Is.Ordered);
    }

    [Test]
    public async Task Setting_a_circuit_to_its_current_state_raises_no_event()
    {
        int events = 0;
        rig.Harness.PhoneLineChanged += (_, _) => events++;

        await TestRigs.AdvanceThrough(clock, () => rig.Rig.SetPhoneLineAsync(connected: true), TestRigs.Settle);

        Assert.That(events, Is.Zero);
    }

    [Test]
    public void Sense_inputs_follow_their_relays()
    {
        Assert.That(rig.Controller.Read(27), Is.EqualTo(PinValue.Low));

        rig.Rig.PhoneLineRelay!.Energize();

        Assert.That(rig.Controller.Read(27), Is.EqualTo(PinValue.High));
    }

    [Test]
    public void Before_any_pin_is_opened_normally_closed_circuits_are_on()
    {
        var driver = new SimulatedGpioDriver(timeProvider: clock);
        using var harness = new WiringHarness(driver, SimulatedRig.DefaultDefinition);

        Assert.That(harness.IsTerminalPowered, Is.True);
        Assert.That(harness.IsPhoneLineConnected, Is.True);
        Assert.That(harness.IsSimPowered, Is.True);
        Assert.That(harness.AttenuationDecibels, Is.Zero);
    }

    [Test]
    public async Task Active_low_relays_on_normally_open_contacts_are_decoded_with_their_polarity()
    {
        RigDefinition definition = SimulatedRig.DefaultDefinition with
        {
            PhoneLine = new RelayDefinition
            {
                Pin = 17, ActiveHigh = false, Contact = RelayContact.NormallyOpen, SensePin = 27, SenseActiveHigh = false,
            },
        };
        var driver = new SimulatedGpioDriver(timeProvider: clock);
        using var harness = new WiringHarness(driver, definition);
        Assert.That(harness.IsPhoneLineConnected, Is.False, "a normally-open contact is open while the coil is unpowered");

        using var controller = new GpioController(driver);
        using var rig = new Rig(definition, controller, clock);

        Assert.That(harness.IsPhoneLineConnected, Is.True, "the safe state connects the line");
        Assert.That(controller.Read(17), Is.EqualTo(PinValue.Low), "energized by driving low");
        Assert.That(controller.Read(27), Is.EqualTo(PinValue.Low), "the active-low sense reads low while energized");
        await TestRigs.AdvanceThrough(clock, () => rig.SetPhoneLineAsync(connected: false), TestRigs.Settle);
        Assert.That(harness.IsPhoneLineConnected, Is.False);
    }

    [Test]
    public void Sticking_a_relay_the_rig_does_not_have_is_refused()
    {
        RigDefinition dialUpOnly = SimulatedRig.DefaultDefinition with { SimPower = null };
        using var harness = new WiringHarness(new SimulatedGpioDriver(), dialUpOnly);

        Assert.That(() => harness.StickRelay(RelayRole.SimPower, true), Throws.InvalidOperationException);
        Assert.That(harness.IsSimPowered, Is.True);
    }

    [Test]
    public void A_disposed_harness_raises_no_more_events()
    {
        int events = 0;
        rig.Harness.PhoneLineChanged += (_, _) => events++;

        rig.Harness.Dispose();
        rig.Rig.PhoneLineRelay!.Energize();

        Assert.That(events, Is.Zero);
    }
}
