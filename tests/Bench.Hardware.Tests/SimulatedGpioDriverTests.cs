using System.Device.Gpio;
using Bench.Hardware.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Hardware.Tests;

[TestFixture]
public sealed class SimulatedGpioDriverTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Test]
    public void A_write_through_the_controller_is_announced_with_the_clock_timestamp()
    {
        var clock = new FakeTimeProvider();
        var driver = new SimulatedGpioDriver(timeProvider: clock);
        using var controller = new GpioController(driver);
        List<SimulatedPinChange> changes = [];
        driver.PinChanged += (_, change) => changes.Add(change);

        controller.OpenPin(4, PinMode.Output, PinValue.Low);
        clock.Advance(TimeSpan.FromMilliseconds(7));
        controller.Write(4, PinValue.High);

        Assert.That(changes, Has.Count.EqualTo(2));
        Assert.That(changes[0], Is.EqualTo(new SimulatedPinChange(4, PinMode.Output, PinValue.Low, changes[0].Timestamp)));
        Assert.That(changes[1].Value, Is.EqualTo(PinValue.High));
        Assert.That(clock.GetElapsedTime(changes[0].Timestamp, changes[1].Timestamp), Is.EqualTo(TimeSpan.FromMilliseconds(7)));
        Assert.That(controller.Read(4), Is.EqualTo(PinValue.High));
    }

    [Test]
    public void Writing_the_same_level_again_is_not_a_change()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(4, PinMode.Output, PinValue.High);
        int changes = 0;
        driver.PinChanged += (_, _) => changes++;

        controller.Write(4, PinValue.High);

        Assert.That(changes, Is.Zero);
    }

    [Test]
    public void Opening_an_output_with_an_initial_level_does_not_glitch()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        List<SimulatedPinChange> changes = [];
        driver.PinChanged += (_, change) => changes.Add(change);

        controller.OpenPin(9, PinMode.Output, PinValue.High);

        Assert.That(changes.Select(c => (c.Mode, c.Value)), Is.EqualTo(new[] { (PinMode.Output, PinValue.High) }));
    }

    [Test]
    public void An_input_reads_the_level_driven_from_outside_or_its_pull()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(6, PinMode.InputPullUp);
        Assert.That(controller.Read(6), Is.EqualTo(PinValue.High));

        driver.DriveInput(6, PinValue.Low);
        Assert.That(controller.Read(6), Is.EqualTo(PinValue.Low));

        driver.ReleaseInput(6);
        Assert.That(controller.Read(6), Is.EqualTo(PinValue.High));
    }

    [Test]
    public void Edge_callbacks_fire_for_the_registered_edges_only()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(6, PinMode.Input);
        List<PinEventTypes> seen = [];
        controller.RegisterCallbackForPinValueChangedEvent(6, PinEventTypes.Falling, (_, args) => seen.Add(args.ChangeType));

        driver.DriveInput(6, PinValue.High);
        driver.DriveInput(6, PinValue.Low);
        driver.DriveInput(6, PinValue.High);

        Assert.That(seen, Is.EqualTo(new[] { PinEventTypes.Falling }));
    }

    [Test]
    public async Task WaitForEvent_returns_on_the_awaited_edge()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(6, PinMode.Input);

        ValueTask<WaitForEventResult> waiting = controller.WaitForEventAsync(6, PinEventTypes.Rising, Bound);
        driver.DriveInput(6, PinValue.High);
        WaitForEventResult result = await waiting;

        Assert.That(result.TimedOut, Is.False);
        Assert.That(result.EventTypes, Is.EqualTo(PinEventTypes.Rising));
    }

    [Test]
    public void WaitForEvent_reports_a_timeout_when_cancelled()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(6, PinMode.Input);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        WaitForEventResult result = controller.WaitForEvent(6, PinEventTypes.Rising, cancellation.Token);

        Assert.That(result.TimedOut, Is.True);
    }

    [Test]
    public void Concurrent_writers_never_corrupt_the_announced_order()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        int[] pins = [4, 5, 6, 7];
        foreach (int pin in pins)
        {
            controller.OpenPin(pin, PinMode.Output, PinValue.Low);
        }

        List<SimulatedPinChange> changes = [];
        driver.PinChanged += (_, change) => changes.Add(change);

        Parallel.ForEach(pins, pin =>
        {
            for (int i = 0; i < 500; i++)
            {
                controller.Write(pin, i % 2 == 0 ? PinValue.High : PinValue.Low);
            }
        });

        Assert.That(changes, Has.Count.EqualTo(pins.Length * 500));
        Assert.That(changes.Select(c => c.Timestamp), Is.Ordered);
        foreach (int pin in pins)
        {
            Assert.That(changes.Where(c => c.PinNumber == pin).Select(c => c.Value), Is.EqualTo(
                Enumerable.Range(0, 500).Select(i => i % 2 == 0 ? PinValue.High : PinValue.Low)));
        }
    }

    [Test]
    public void Closing_an_output_releases_the_line_to_an_input()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(5, PinMode.Output, PinValue.High);
        List<SimulatedPinChange> changes = [];
        driver.PinChanged += (_, change) => changes.Add(change);

        controller.ClosePin(5);

        Assert.That(driver.GetMode(5), Is.EqualTo(PinMode.Input));
        Assert.That(driver.GetLevel(5), Is.EqualTo(PinValue.Low), "nothing drives the released line");
        Assert.That(changes.Select(c => (c.Mode, c.Value)), Is.EqualTo(new[] { (PinMode.Input, PinValue.Low) }));
    }

    [Test]
    public void A_closed_line_that_is_driven_from_outside_reads_that_level()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(5, PinMode.Output, PinValue.Low);
        driver.DriveInput(5, PinValue.High);

        controller.ClosePin(5);

        Assert.That(driver.GetLevel(5), Is.EqualTo(PinValue.High));
    }

    [Test]
    public void A_throwing_listener_neither_reaches_the_writer_nor_silences_the_others()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(4, PinMode.Output, PinValue.Low);
        controller.OpenPin(6, PinMode.Input);
        List<int> heard = [];
        driver.PinChanged += (_, _) => throw new InvalidOperationException("listener bug");
        driver.PinChanged += (_, change) => heard.Add(change.PinNumber);
        controller.RegisterCallbackForPinValueChangedEvent(6, PinEventTypes.Rising, (_, _) => throw new InvalidOperationException("callback bug"));
        controller.RegisterCallbackForPinValueChangedEvent(6, PinEventTypes.Rising, (_, args) => heard.Add(-args.PinNumber));

        Assert.That(() => controller.Write(4, PinValue.High), Throws.Nothing);
        Assert.That(() => driver.DriveInput(6, PinValue.High), Throws.Nothing);

        Assert.That(heard, Is.EqualTo(new[] { 4, 6, -6 }));
    }

    [Test]
    public void Pins_outside_the_chip_are_refused()
    {
        var driver = new SimulatedGpioDriver(pinCount: 8);
        using var controller = new GpioController(driver);

        Assert.That(() => controller.OpenPin(8), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
