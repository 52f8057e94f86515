using System.Globalization;
using System.IO.Ports;

namespace Bench.Hardware;

/// <summary>
/// The bench rig check (<c>bench rig check</c>): toggles every channel of a <see cref="Rig"/> away from the safe
/// state and back, reads back what can be read (relay sense contacts, the terminal's supply current, the servo's
/// PWM registers, the serial devices opening) and reports one row per step. Unlike <see cref="Rig.SelfTestAsync"/>
/// it does not stop at the first disagreement: the table shows every channel. The rig is left in its safe state at
/// the end and on any exception.
/// </summary>
/// <remarks>Briefly cuts the terminal's power, line and SIM and swipes the card: run it before a campaign, not during one.</remarks>
public sealed class RigCheck
{
    private readonly Rig rig;
    private readonly TimeProvider timeProvider;

    /// <summary>Checks <paramref name="rig"/>, waiting settle times on <paramref name="timeProvider"/> (the rig's clock).</summary>
    public RigCheck(Rig rig, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.rig = rig;
        this.timeProvider = timeProvider;
    }

    /// <summary>Runs every step and returns the table; the rig ends in its safe state.</summary>
    /// <param name="serialDevices">Serial devices to open and close again.</param>
    /// <param name="cancellationToken">Stops the check (the rig still returns to its safe state).</param>
    public async Task<RigCheckReport> RunAsync(IReadOnlyList<SerialDeviceCheck>? serialDevices = null, CancellationToken cancellationToken = default)
    {
        List<RigCheckRow> rows = [];
        try
        {
            await CheckSafeStateAsync(rows, cancellationToken).ConfigureAwait(false);
            RelayDefinition? power = rig.Definition.TerminalPower;
            await CheckRelayAsync(rows, rig.TerminalPowerRelay, power, "terminal power", "cut power", "restore power", supply: true, cancellationToken).ConfigureAwait(false);
            await CheckRelayAsync(rows, rig.PhoneLineRelay, rig.Definition.PhoneLine, "phone line", "cut line", "reconnect line", supply: false, cancellationToken).ConfigureAwait(false);
            await CheckRelayAsync(rows, rig.SimPowerRelay, rig.Definition.SimPower, "SIM power", "cut SIM", "restore SIM", supply: false, cancellationToken).ConfigureAwait(false);
            CheckAttenuator(rows);
            await CheckSwiperAsync(rows, cancellationToken).ConfigureAwait(false);
            foreach (SerialDeviceCheck device in serialDevices ?? [])
            {
                rows.Add(CheckSerialDevice(device));
            }
        }
        finally
        {
            rig.EnterSafeState();
        }

        return new RigCheckReport(rows);
    }

    private static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Where(RelayDefinition definition) =>
        definition.Expander is { } expander ? $"expander '{expander}' pin {definition.Pin}" : $"GPIO {definition.Pin}";

    private static bool EnergizeFor(RelayDefinition definition, bool closed) =>
        definition.Contact == RelayContact.NormallyOpen ? closed : !closed;

    private static string Describe(bool energized) => energized ? "energized" : "released";

    private static RigCheckRow CheckSerialDevice(SerialDeviceCheck device)
    {
        try
        {
            using var port = new SerialPort(device.PortName, device.BaudRate);
            port.Open();
            return new RigCheckRow(device.Channel, $"open {device.PortName}", "opens", "opened", RigCheckVerdict.Pass);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return new RigCheckRow(device.Channel, $"open {device.PortName}", "opens", exception.Message, RigCheckVerdict.Fail);
        }
    }

    private async Task CheckSafeStateAsync(List<RigCheckRow> rows, CancellationToken cancellationToken)
    {
        try
        {
            rig.EnterSafeState();
            await rig.VerifyAsync(cancellationToken).ConfigureAwait(false);
            rows.Add(new RigCheckRow("rig", "enter safe state", "every read-back agrees", "agrees", RigCheckVerdict.Pass));
        }
        catch (RigFaultException fault)
        {
            rows.Add(new RigCheckRow("rig", "enter safe state", "every read-back agrees", fault.Message, RigCheckVerdict.Fail));
        }

        if (rig.SupplyCurrent is not null)
        {
            await CheckSupplyAsync(rows, powered: true, "safe state", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CheckRelayAsync(
        List<RigCheckRow> rows,
        Relay? relay,
        RelayDefinition? definition,
        string circuit,
        string cutAction,
        string restoreAction,
        bool supply,
        CancellationToken cancellationToken)
    {
        if (relay is null || definition is null)
        {
            return;
        }

        string channel = $"{circuit} relay ({Where(definition)})";
        bool cut = EnergizeFor(definition, closed: false);
        await ToggleAsync(rows, relay, channel, cutAction, cut, cancellationToken).ConfigureAwait(false);
        if (supply && rig.SupplyCurrent is not null)
        {
            await CheckSupplyAsync(rows, powered: false, cutAction, cancellationToken).ConfigureAwait(false);
        }

        await ToggleAsync(rows, relay, channel, restoreAction, !cut, cancellationToken).ConfigureAwait(false);
        if (supply && rig.SupplyCurrent is not null)
        {
            await CheckSupplyAsync(rows, powered: true, restoreAction, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ToggleAsync(List<RigCheckRow> rows, Relay relay, string channel, string action, bool energized, CancellationToken cancellationToken)
    {
        string expected = $"sense {Describe(energized)}";
        try
        {
            relay.Set(energized);
            if (relay.SettleTime > TimeSpan.Zero)
            {
                await Task.Delay(relay.SettleTime, timeProvider, cancellationToken).ConfigureAwait(false);
            }

            rows.Add(relay.ReadBack() switch
            {
                null => new RigCheckRow(channel, action, expected, "no sense input", RigCheckVerdict.Unchecked),
                bool seen => new RigCheckRow(
                    channel, action, expected, $"sense {Describe(seen)}", seen == energized ? RigCheckVerdict.Pass : RigCheckVerdict.Fail),
            });
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or ArgumentException)
        {
            rows.Add(new RigCheckRow(channel, action, expected, exception.Message, RigCheckVerdict.Fail));
        }
    }

    private async Task CheckSupplyAsync(List<RigCheckRow> rows, bool powered, string action, CancellationToken cancellationToken)
    {
        SupplyCurrentMonitor monitor = rig.SupplyCurrent!;
        SupplyCurrentDefinition definition = monitor.Definition;
        string channel = $"supply current (INA219 '{definition.Device}')";
        string expected = powered ? $">= {Format(definition.OnAboveMilliamperes)} mA" : $"< {Format(definition.OffBelowMilliamperes)} mA";
        try
        {
            if (definition.SettleTime > TimeSpan.Zero)
            {
                await Task.Delay(definition.SettleTime, timeProvider, cancellationToken).ConfigureAwait(false);
            }

            SupplyCurrentSample sample = monitor.Read();
            bool agrees = powered ? sample.Milliamperes >= definition.OnAboveMilliamperes : sample.Milliamperes < definition.OffBelowMilliamperes;
            rows.Add(new RigCheckRow(
                channel,
                action,
                expected,
                $"{Format(sample.Milliamperes)} mA at {sample.BusVolts.ToString("0.00", CultureInfo.InvariantCulture)} V",
                agrees ? RigCheckVerdict.Pass : RigCheckVerdict.Fail));
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            rows.Add(new RigCheckRow(channel, action, expected, exception.Message, RigCheckVerdict.Fail));
        }
    }

    private void CheckAttenuator(List<RigCheckRow> rows)
    {
        if (rig.Attenuator is not { } attenuator)
        {
            return;
        }

        const string Channel = "RF attenuator";
        foreach (double decibels in new[] { attenuator.MaximumDecibels, 0 })
        {
            string action = $"set {Format(decibels)} dB";
            try
            {
                rig.SetAttenuation(decibels);
                rows.Add(new RigCheckRow(Channel, action, $"{Format(decibels)} dB", "no read-back (write-only shift register)", RigCheckVerdict.Unchecked));
            }
            catch (RigFaultException fault)
            {
                rows.Add(new RigCheckRow(Channel, action, $"{Format(decibels)} dB", fault.Message, RigCheckVerdict.Fail));
            }
        }
    }

    private async Task CheckSwiperAsync(List<RigCheckRow> rows, CancellationToken cancellationToken)
    {
        if (rig.Definition.Swiper == SwiperKind.Servo && rig.Servo is { } servo)
        {
            ServoSwiperDefinition definition = servo.Definition;
            string channel = $"servo swiper (PCA9685 '{definition.Device}' channel {definition.Channel})";
            CheckServoPulse(rows, servo, channel, "at rest");
            try
            {
                SwipePulse pulse = await rig.SwipeAsync(cancellationToken).ConfigureAwait(false);
                TimeSpan stroke = timeProvider.GetElapsedTime(pulse.StartTimestamp, pulse.EndTimestamp);
                rows.Add(new RigCheckRow(
                    channel, "swipe", $"completes, stroke {Format(definition.StrokeTime.TotalMilliseconds)} ms", $"stroke {Format(stroke.TotalMilliseconds)} ms", RigCheckVerdict.Pass));
            }
            catch (RigFaultException fault)
            {
                rows.Add(new RigCheckRow(channel, "swipe", $"completes, stroke {Format(definition.StrokeTime.TotalMilliseconds)} ms", fault.Message, RigCheckVerdict.Fail));
            }

            CheckServoPulse(rows, servo, channel, "back at rest");
        }
        else if (rig.Swipe is { } solenoid)
        {
            string channel = $"swipe solenoid (GPIO {solenoid.Pin})";
            string expected = $"pulse {Format(solenoid.Dwell.TotalMilliseconds)} ms";
            try
            {
                SwipePulse pulse = await rig.SwipeAsync(cancellationToken).ConfigureAwait(false);
                TimeSpan length = timeProvider.GetElapsedTime(pulse.StartTimestamp, pulse.EndTimestamp);
                rows.Add(new RigCheckRow(channel, "swipe", expected, $"pulse {Format(length.TotalMilliseconds)} ms, no read-back", RigCheckVerdict.Unchecked));
            }
            catch (RigFaultException fault)
            {
                rows.Add(new RigCheckRow(channel, "swipe", expected, fault.Message, RigCheckVerdict.Fail));
            }
        }
    }

    private static void CheckServoPulse(List<RigCheckRow> rows, ServoSwiper servo, string channel, string action)
    {
        ServoSwiperDefinition definition = servo.Definition;
        double expected = definition.PulseWidthMicrosecondsAt(definition.RestAngle);

        // The PCA9685 has 4096 steps a period (4.9 µs at 50 Hz); the servo binding truncates to whole microseconds.
        double tolerance = (1_000_000 / definition.PwmFrequency / 4096) + 1;
        string expectedText = $"{Format(expected)} µs (±{Format(tolerance)})";
        try
        {
            double seen = servo.ReadPulseWidthMicroseconds();
            rows.Add(new RigCheckRow(
                channel, action, expectedText, $"{Format(seen)} µs", Math.Abs(seen - expected) <= tolerance ? RigCheckVerdict.Pass : RigCheckVerdict.Fail));
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            rows.Add(new RigCheckRow(channel, action, expectedText, exception.Message, RigCheckVerdict.Fail));
        }
    }
}
