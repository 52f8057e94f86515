using Bench.Codec;
using Bench.Hardware.Ecr;
using Bench.Hardware.Nac;
using Bench.Hardware.Simulation.Pstn;
using Bench.SimulatedTerminal.Modem;

namespace Bench.SimulatedTerminal.Tests;

[TestFixture]
[Platform("Linux")]
public sealed class HayesModemDriverTests
{
    [Test]
    public async Task A_terminal_with_a_Hayes_modem_signs_on_and_completes_a_sale_through_the_line_the_answering_modem_and_the_NAC()
    {
        await using var pstn = new PstnLink();
        using var cable = await SerialCable.CreateAsync();
        var flash = Path.Combine(Path.GetTempPath(), "bench-terminal-" + Guid.NewGuid().ToString("N"));
        var profile = TerminalRig.DefaultProfile with { Link = "pstn", Pstn = pstn.Settings };
        var connects = new List<string>();
        pstn.Driver.Connected += words => { lock (connects) connects.Add(words); };
        await using var terminal = new SimulatedTerminal(profile, new SimulatedTerminalOptions(pstn.Host.EndPoint, flash, TerminalRig.MacKey()) { Modem = pstn.Driver }, cable.TerminalEnd, pstn.Time);
        await using var ecr = new EcrClient(cable.ControllerEnd);
        try
        {
            terminal.PowerOn();
            await ecr.WaitForAsync(line => line.Kind == EcrLineKind.Ready, 0, pstn.Token);
            var mark = ecr.LineCount;
            var sale = ecr.SaleAsync(12_345, pstn.Token);
            await ecr.WaitForAsync(line => line.Kind == EcrLineKind.PromptCard, mark, pstn.Token);
            Assert.That(terminal.Swipe(TerminalRig.Card.RawTrack), Is.True);
            var result = await sale;

            var request = await pstn.Host.WaitForAsync(MessageTypes.FinancialRequest, pstn.Token);
            Assert.Multiple(() =>
            {
                Assert.That(result.Outcome, Is.EqualTo(EcrSaleOutcome.Approved));
                Assert.That(result.AuthorizationCode, Is.EqualTo("AU0002"));
                Assert.That(request.AmountMinorUnits, Is.EqualTo(12_345));
                Assert.That(pstn.Host.Received.Select(message => message.Mti), Is.EqualTo(new[] { MessageTypes.NetworkManagementRequest, MessageTypes.FinancialRequest }));
                Assert.That(pstn.Host.ConnectionCount, Is.EqualTo(2), "one host connection per call: sign-on, then sale");
                Assert.That(pstn.Nac.CallsAnswered, Is.EqualTo(2));
                Assert.That(connects, Is.EqualTo(new[] { "CONNECT 1200", "CONNECT 1200" }));
                Assert.That(terminal.ConsoleLines.Select(line => line.Text), Has.Some.EqualTo("MODEM pstn CONNECT 1200"));
            });
        }
        finally
        {
            await terminal.DisposeAsync();
            try { Directory.Delete(flash, recursive: true); } catch (IOException) { }
        }
    }

    [Test]
    public async Task Pre_dial_starts_the_call_and_OpenAsync_takes_it_over_and_HangUp_ends_it_at_the_NAC()
    {
        await using var pstn = new PstnLink();
        using var power = new CancellationTokenSource();

        pstn.Driver.BeginPreDial(power.Token);
        await WaitForAsync(() => pstn.Link.TerminalModem.State == HayesModemState.Online, pstn);
        var data = await pstn.Driver.OpenAsync(power.Token);
        var answered = pstn.Nac.CallsAnswered;

        pstn.Driver.HangUp();
        var ended = await new StreamReader(data).ReadToEndAsync(pstn.Token);
        await WaitForAsync(() => pstn.CallEnds.Count == 1, pstn);
        var again = await pstn.Driver.OpenAsync(power.Token);

        Assert.That(answered, Is.EqualTo(1), "OpenAsync used the pre-dialled call");
        Assert.That(ended, Is.Empty);
        Assert.That(pstn.CallEnds, Is.EqualTo(new[] { HayesResults.NoCarrier }), "the NAC lost carrier when the terminal hung up");
        Assert.That(again, Is.Not.SameAs(data));
        await WaitForAsync(() => pstn.Nac.CallsAnswered == 2, pstn);
    }

    [Test]
    public async Task With_the_line_cut_every_attempt_ends_in_NO_DIALTONE_and_the_driver_gives_up_after_its_retries()
    {
        await using var pstn = new PstnLink(new Hardware.PstnSettings { DialRetries = 2, RedialPause = TimeSpan.FromSeconds(2) });
        await pstn.Rig.Rig.SetPhoneLineAsync(false, pstn.Token);
        var start = pstn.Time.GetTimestamp();

        var failure = Assert.ThrowsAsync<ModemException>(async () => await pstn.Driver.OpenAsync(pstn.Token));

        var elapsed = pstn.Time.GetElapsedTime(start);
        Assert.That(failure!.Result, Is.EqualTo(HayesResults.NoDialTone));
        Assert.That(failure.Message, Does.Contain("3 attempt(s)"));
        var options = new SimulatedModemOptions();
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(options.DialToneWait * 3 + TimeSpan.FromSeconds(2) * 2 - pstn.TimerSlack));
        Assert.That(pstn.Nac.CallsAnswered, Is.Zero);
    }

    [Test]
    public async Task A_cut_longer_than_the_profiles_carrier_loss_tolerance_ends_the_data_stream()
    {
        await using var pstn = new PstnLink(new Hardware.PstnSettings { CarrierLossTolerance = TimeSpan.FromSeconds(3) });
        var data = await pstn.Driver.OpenAsync(pstn.Token);
        Assert.That(pstn.Link.TerminalModem.GetRegister(10), Is.EqualTo(30), "S10 from the profile");
        var start = pstn.Time.GetTimestamp();

        await pstn.Rig.Rig.SetPhoneLineAsync(false, pstn.Token);
        var read = await data.ReadAsync(new byte[16], pstn.Token);

        Assert.That(read, Is.Zero, "NO CARRIER ends the reads");
        // The NAC's modem keeps its own 1.4 s and drops first; the terminal's modem hears its carrier go and waits its own 3 s.
        Assert.That(pstn.Time.GetElapsedTime(start), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(3) - pstn.TimerSlack));
    }

    private static async Task WaitForAsync(Func<bool> condition, PstnLink pstn)
    {
        // State held by other components without an event: checked on the shared clock's ticks, bounded by the test deadline.
        while (!condition()) await Task.Delay(TimeSpan.FromMilliseconds(100), pstn.Time, pstn.Token);
    }
}
