using System.Device.Gpio;
using Bench.Hardware.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests;

[TestFixture]
public sealed class SwipeSolenoidTests
{
    private const int Pin = 18;
    private static readonly TimeSpan Dwell = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan Rearm = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    private FakeTimeProvider clock = null!;
    private SimulatedGpioDriver driver = null!;
    private GpioController controller = null!;
    private SwipeSolenoid solenoid = null!;

    [SetUp]
    public void SetUp()
    {
        clock = new FakeTimeProvider();
        driver = new SimulatedGpioDriver(timeProvider: clock);
        controller = new GpioController(driver);
        solenoid = new SwipeSolenoid(controller, Pin, Dwell, Rearm, clock);
    }

    [TearDown]
    public void TearDown()
    {
        solenoid.Dispose();
        controller.Dispose();
    }

    [Test]
    public void The_coil_is_released_when_the_solenoid_is_opened()
    {
        Assert.That(driver.GetMode(Pin), Is.EqualTo(PinMode.Output));
        Assert.That(driver.GetLevel(Pin), Is.EqualTo(PinValue.Low));
    }

    [Test]
    public async Task A_swipe_energizes_the_coil_for_exactly_the_dwell()
    {
        Task<SwipePulse> swipe = solenoid.SwipeAsync();
        Assert.That(driver.GetLevel(Pin), Is.EqualTo(PinValue.High));

        clock.Advance(Dwell - Millisecond);
        Assert.That(driver.GetLevel(Pin), Is.EqualTo(PinValue.High), "released before the dwell ended");
        Assert.That(swipe.IsCompleted, Is.False);

        clock.Advance(Millisecond);
        SwipePulse pulse = await swipe.WaitAsync(TestRigs.Bound);

        Assert.That(driver.GetLevel(Pin), Is.EqualTo(PinValue.Low));
        Assert.That(clock.GetElapsedTime(pulse.StartTimestamp, pulse.EndTimestamp), Is.EqualTo(Dwell));
    }

    [Test]
    public async Task An_active_low_solenoid_drives_its_pin_low_to_energize()
    {
        using var controller = new GpioController(new SimulatedGpioDriver(timeProvider: clock));
        using var solenoid = new SwipeSolenoid(controller, 12, Dwell, Rearm, clock, activeHigh: false);
        Assert.That(controller.Read(12), Is.EqualTo(PinValue.High));

        Task<SwipePulse> swipe = solenoid.SwipeAsync();
        Assert.That(controller.Read(12), Is.EqualTo(PinValue.Low));
        clock.Advance(Dwell);
        await swipe.WaitAsync(TestRigs.Bound);

        Assert.That(controller.Read(12), Is.EqualTo(PinValue.High));
    }

    [Test]
    public async Task A_second_swipe_waits_out_the_rearm_time()
    {
        SwipePulse first = await TestRigs.AdvanceThrough(clock, () => solenoid.SwipeAsync(), Dwell);

        Task<SwipePulse> second = solenoid.SwipeAsync();
        clock.Advance(Rearm - Millisecond);
        Assert.That(solenoid.IsEnergized, Is.False, "fired before the re-arm time passed");

        clock.Advance(Millisecond);
        Assert.That(solenoid.IsEnergized, Is.True);
        clock.Advance(Dwell);
        SwipePulse secondPulse = await second.WaitAsync(TestRigs.Bound);

        Assert.That(clock.GetElapsedTime(first.EndTimestamp, secondPulse.StartTimestamp), Is.EqualTo(Rearm));
    }

    [Test]
    public async Task A_swipe_after_the_rearm_time_starts_at_once()
    {
        await TestRigs.AdvanceThrough(clock, () => solenoid.SwipeAsync(), Dwell);
        clock.Advance(Rearm * 2);

        Task<SwipePulse> second = solenoid.SwipeAsync();

        Assert.That(solenoid.IsEnergized, Is.True);
        clock.Advance(Dwell);
        await second.WaitAsync(TestRigs.Bound);
    }

    [Test]
    public void Cancelling_during_the_pulse_releases_the_coil()
    {
        using var cancellation = new CancellationTokenSource();
        Task<SwipePulse> swipe = solenoid.SwipeAsync(cancellation.Token);
        clock.Advance(Dwell / 2);

        cancellation.Cancel();

        Assert.That(async () => await swipe.WaitAsync(TestRigs.Bound), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(driver.GetLevel(Pin), Is.EqualTo(PinValue.Low));
        Assert.That(solenoid.IsEnergized, Is.False);
    }

    [Test]
    public async Task A_cut_short_pulse_still_imposes_the_rearm_time()
    {
        using (var cancellation = new CancellationTokenSource())
        {
            Task<SwipePulse> cut = solenoid.SwipeAsync(cancellation.Token);
            clock.Advance(Dwell / 2);
            cancellation.Cancel();
            Assert.That(async () => await cut.WaitAsync(TestRigs.Bound), Throws.InstanceOf<OperationCanceledException>());
        }

        Task<SwipePulse> next = solenoid.SwipeAsync();
        clock.Advance(Rearm - Millisecond);
        Assert.That(solenoid.IsEnergized, Is.False);
        clock.Advance(Millisecond);
        Assert.That(solenoid.IsEnergized, Is.True);
        clock.Advance(Dwell);
        await next.WaitAsync(TestRigs.Bound);
    }

    [Test]
    public async Task Cancelling_while_waiting_to_rearm_never_energizes_the_coil()
    {
        await TestRigs.AdvanceThrough(clock, () => solenoid.SwipeAsync(), Dwell);
        int changes = 0;
        driver.PinChanged += (_, _) => changes++;
        using var cancellation = new CancellationTokenSource();

        Task<SwipePulse> second = solenoid.SwipeAsync(cancellation.Token);
        clock.Advance(Rearm / 2);
        cancellation.Cancel();

        Assert.That(async () => await second.WaitAsync(TestRigs.Bound), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(changes, Is.Zero);
    }

    [Test]
    public void Disposing_during_a_stroke_releases_the_coil_and_the_pin_and_ends_the_stroke()
    {
        Task<SwipePulse> stroke = solenoid.SwipeAsync();
        Assert.That(driver.GetLevel(Pin), Is.EqualTo(PinValue.High));

        solenoid.Dispose();

        Assert.That(controller.IsPinOpen(Pin), Is.False);
        Assert.That(driver.GetMode(Pin), Is.EqualTo(PinMode.Input), "the line is released");
        Assert.That(driver.GetLevel(Pin), Is.EqualTo(PinValue.Low));
        Assert.That(solenoid.IsEnergized, Is.False);
        Assert.That(async () => await stroke.WaitAsync(TestRigs.Bound), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public async Task Disposing_while_a_stroke_waits_to_rearm_ends_it_without_energizing_the_coil()
    {
        await TestRigs.AdvanceThrough(clock, () => solenoid.SwipeAsync(), Dwell);
        int changes = 0;
        driver.PinChanged += (_, change) => changes += change.Mode == PinMode.Output ? 1 : 0;
        Task<SwipePulse> waiting = solenoid.SwipeAsync();

        solenoid.Dispose();

        Assert.That(async () => await waiting.WaitAsync(TestRigs.Bound), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(changes, Is.Zero, "the coil was never driven again");
        Assert.That(() => solenoid.Release(), Throws.Nothing, "releasing a disposed solenoid does nothing");
        Assert.That(() => solenoid.SwipeAsync(), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public void The_controller_is_disposed_only_when_the_solenoid_owns_it()
    {
        var driver = new SimulatedGpioDriver();
        var controller = new GpioController(driver);
        controller.OpenPin(3, PinMode.Output);

        new SwipeSolenoid(controller, 4, Dwell, Rearm, clock).Dispose();
        Assert.That(controller.IsPinOpen(3), Is.True, "a solenoid that does not own the controller leaves its other pins alone");

        new SwipeSolenoid(controller, 5, Dwell, Rearm, clock, shouldDispose: true).Dispose();
        Assert.That(driver.IsOpen(3), Is.False, "disposing the controller closed every pin it had open");
    }
}
