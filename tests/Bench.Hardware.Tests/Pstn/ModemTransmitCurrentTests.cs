using Bench.Hardware.Simulation;
using Bench.Hardware.Simulation.Pstn;
using Bench.Hardware.Tests.I2c;

namespace Bench.Hardware.Tests.Pstn;

/// <summary>
/// The terminal's dial-up modem on the terminal's supply, as the rig's INA219 reads it through Iot.Device.Bindings:
/// idle on-hook, transmitting from the dial until the call ends, nothing while the power is cut.
/// </summary>
[TestFixture]
[Platform("Linux")]
public sealed class ModemTransmitCurrentTests
{
    private const double Scale = 20;
    private const double IdleMilliamperes = 150;
    private const double TransmittingMilliamperes = 150 + 350;

    [Test]
    public async Task A_call_draws_transmit_current_until_the_line_cut_ends_it()
    {
        await using var bench = new PstnBench(Scale, rig: I2cTestRigs.Definition);
        await using var terminal = new ModemConsole(bench.TerminalPort);
        await using var answering = new ModemConsole(bench.AnsweringPort);
        var supply = bench.Rig.Rig.SupplyCurrent!;
        Assert.That(await answering.CommandAsync("ATE0S0=1", bench.Token), Does.EndWith("\r\nOK\r\n"));
        Assert.That(supply.Read().Milliamperes, Is.EqualTo(IdleMilliamperes).Within(0.5), "on-hook");

        var dialling = terminal.CommandAsync("ATE0DT" + PstnBench.Settings.PhoneNumber, bench.Token, "CONNECT 1200", "NO CARRIER", "NO ANSWER", "BUSY");
        await WaitUntilAsync(() => bench.Link.TerminalModem.State == HayesModemState.Dialing, bench.Token);
        Assert.That(supply.Read().Milliamperes, Is.EqualTo(TransmittingMilliamperes).Within(0.5), "off-hook, dialling");
        Assert.That(await dialling, Does.EndWith("\r\nCONNECT 1200\r\n"));
        Assert.That(supply.Read().Milliamperes, Is.EqualTo(TransmittingMilliamperes).Within(0.5), "the carrier is up");

        var mark = terminal.Length;
        await bench.Rig.Rig.SetPhoneLineAsync(false, bench.Token);
        Assert.That(supply.Read().Milliamperes, Is.EqualTo(TransmittingMilliamperes).Within(0.5), "the modem keeps sending until S10 runs out");
        await terminal.WaitForAnyAsync(["\r\nNO CARRIER\r\n"], mark, bench.Token);

        Assert.That(bench.Link.TerminalModem.IsTransmitting, Is.False);
        Assert.That(supply.Read().Milliamperes, Is.EqualTo(IdleMilliamperes).Within(0.5), "on-hook again");
    }

    [Test]
    public async Task A_power_cut_during_a_call_ends_the_burst_and_the_restored_terminal_draws_idle_current()
    {
        await using var bench = new PstnBench(Scale, rig: I2cTestRigs.Definition);
        // The terminal's supply reaches its modem, as the station wires it.
        bench.Rig.Harness.TerminalPowerChanged += (_, change) => bench.Link.SetTerminalModemPowered(change.IsOn);
        await using var terminal = new ModemConsole(bench.TerminalPort);
        await using var answering = new ModemConsole(bench.AnsweringPort);
        var supply = bench.Rig.Rig.SupplyCurrent!;
        Assert.That(await answering.CommandAsync("ATE0S0=1", bench.Token), Does.EndWith("\r\nOK\r\n"));
        Assert.That(await terminal.CommandAsync("ATE0DT" + PstnBench.Settings.PhoneNumber, bench.Token, "CONNECT 1200", "NO CARRIER"), Does.EndWith("\r\nCONNECT 1200\r\n"));
        Assert.That(supply.Read().Milliamperes, Is.EqualTo(TransmittingMilliamperes).Within(0.5));

        // The rig's own read-back checks the supply off, then on again.
        await bench.Rig.Rig.SetTerminalPowerAsync(false, bench.Token);
        Assert.That(supply.Read().Milliamperes, Is.Zero);
        Assert.That(bench.Rig.Harness.TerminalSupply!.IsTransmitting, Is.False, "the modem lost its power and its call");
        await bench.Rig.Rig.SetTerminalPowerAsync(true, bench.Token);

        Assert.That(supply.Read().Milliamperes, Is.EqualTo(IdleMilliamperes).Within(0.5));
        Assert.That(bench.Link.TerminalModem.State, Is.EqualTo(HayesModemState.Command));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition()) await Task.Delay(1, cancellationToken);
    }
}
