using Bench.Hardware.Simulation;
using Bench.Hardware.Simulation.Pstn;

namespace Bench.Hardware.Tests.Pstn;

[TestFixture]
[Platform("Linux")]
public sealed class HayesDialogueTests
{
    // Fast enough for a quick test, slow enough that a loaded machine keeps terminal-time margins of tenths of a second.
    private const double Scale = 20;

    [Test]
    public async Task Commands_are_echoed_until_E0_and_answered_with_OK_or_ERROR_on_their_own_lines()
    {
        await using var bench = new PstnBench(Scale);
        await using var modem = new ModemConsole(bench.TerminalPort);

        Assert.That(await modem.CommandAsync("AT", bench.Token), Is.EqualTo("AT\r\r\nOK\r\n"));
        Assert.That(await modem.CommandAsync("ATE0", bench.Token), Is.EqualTo("ATE0\r\r\nOK\r\n"));
        Assert.That(await modem.CommandAsync("ATZ", bench.Token), Is.EqualTo("\r\nOK\r\n"));
        Assert.That(await modem.CommandAsync("ATE0S10=7", bench.Token), Is.EqualTo("ATE0S10=7\r\r\nOK\r\n"), "ATZ restores echo");
        Assert.That(await modem.CommandAsync("ATS10?", bench.Token), Is.EqualTo("\r\n007\r\n\r\nOK\r\n"));
        Assert.That(bench.Link.TerminalModem.GetRegister(10), Is.EqualTo(7));
        Assert.That(await modem.CommandAsync("ATS7=300", bench.Token), Is.EqualTo("\r\nERROR\r\n"), "a register holds 0..255");
        Assert.That(await modem.CommandAsync("ATY", bench.Token), Is.EqualTo("\r\nERROR\r\n"));
        Assert.That(await modem.CommandAsync("ATH0", bench.Token), Is.EqualTo("\r\nOK\r\n"));
    }

    [Test]
    public async Task A_dialled_call_rings_the_answering_modem_which_auto_answers_and_both_ends_say_CONNECT_1200()
    {
        await using var bench = new PstnBench(Scale);
        await using var terminal = new ModemConsole(bench.TerminalPort);
        await using var answering = new ModemConsole(bench.AnsweringPort);
        Assert.That(await answering.CommandAsync("ATE0S0=2", bench.Token), Does.EndWith("\r\nOK\r\n"));
        Assert.That(await terminal.CommandAsync("ATE0", bench.Token), Does.EndWith("\r\nOK\r\n"));
        var mark = answering.Length;
        var start = bench.Time.GetTimestamp();

        var result = await terminal.CommandAsync("ATDT" + PstnBench.Settings.PhoneNumber, bench.Token, "CONNECT 1200", "NO CARRIER", "NO ANSWER", "BUSY", "NO DIALTONE");
        var connectTime = bench.Since(start);
        var answered = await answering.WaitForAsync("CONNECT 1200\r\n", mark, bench.Token);

        Assert.That(result, Is.EqualTo("\r\nCONNECT 1200\r\n"));
        Assert.That(answered, Is.EqualTo("\r\nRING\r\n\r\nRING\r\n\r\nCONNECT 1200\r\n"), "S0=2 answers on the second ring");
        var options = new SimulatedModemOptions();
        // Dial, one ring interval to the second ring, then training.
        Assert.That(connectTime, Is.GreaterThanOrEqualTo(options.DialDuration + options.RingInterval + options.TrainingDuration - bench.TimerSlack));
        Assert.That(bench.Link.TerminalModem.State, Is.EqualTo(HayesModemState.Online));
        Assert.That(bench.Link.AnsweringModem.State, Is.EqualTo(HayesModemState.Online));
    }

    [Test]
    public async Task Dialling_while_the_line_relay_is_open_gives_NO_DIALTONE_after_the_dial_tone_wait()
    {
        await using var bench = new PstnBench(Scale);
        await using var terminal = new ModemConsole(bench.TerminalPort);
        await bench.Rig.Rig.SetPhoneLineAsync(false, bench.Token);
        Assert.That(bench.Link.TerminalLine.IsConnected, Is.False, "the harness decoded the relay pin");
        var start = bench.Time.GetTimestamp();

        var result = await terminal.CommandAsync("ATE0DT" + PstnBench.Settings.PhoneNumber, bench.Token, "NO DIALTONE", "CONNECT 1200", "NO ANSWER", "NO CARRIER");

        Assert.That(result, Does.EndWith("\r\nNO DIALTONE\r\n"));
        Assert.That(bench.Since(start), Is.GreaterThanOrEqualTo(new SimulatedModemOptions().DialToneWait - bench.TimerSlack));
        Assert.That(bench.Link.TerminalModem.State, Is.EqualTo(HayesModemState.Command));
        Assert.That(bench.Link.AnsweringModem.State, Is.EqualTo(HayesModemState.Command), "nothing rang");
    }

    [Test]
    public async Task An_answering_modem_that_never_answers_gives_NO_ANSWER_when_S7_runs_out_while_it_rings()
    {
        await using var bench = new PstnBench(Scale);
        await using var terminal = new ModemConsole(bench.TerminalPort);
        await using var answering = new ModemConsole(bench.AnsweringPort);
        var mark = answering.Length;
        var start = bench.Time.GetTimestamp();

        var result = await terminal.CommandAsync("ATE0S7=14DT" + PstnBench.Settings.PhoneNumber, bench.Token, "NO ANSWER", "CONNECT 1200", "NO CARRIER", "BUSY");

        Assert.That(result, Does.EndWith("\r\nNO ANSWER\r\n"));
        var options = new SimulatedModemOptions();
        Assert.That(bench.Since(start), Is.GreaterThanOrEqualTo(options.DialDuration + TimeSpan.FromSeconds(14) - bench.TimerSlack));
        // Rings at 0, 6 and 12 s of the 14 s wait; S0=0 never answers.
        Assert.That(answering.Text[mark..], Is.EqualTo(string.Concat(Enumerable.Repeat("\r\nRING\r\n", 3))));
        Assert.That(bench.Link.AnsweringModem.State, Is.EqualTo(HayesModemState.Command), "the ringing stopped when the caller gave up");
    }

    [Test]
    public async Task A_number_nobody_answers_gives_NO_ANSWER_and_ATA_answers_a_ringing_call()
    {
        await using var bench = new PstnBench(Scale);
        await using var terminal = new ModemConsole(bench.TerminalPort);
        await using var answering = new ModemConsole(bench.AnsweringPort);

        Assert.That(await terminal.CommandAsync("ATE0S7=5DT 555-0199", bench.Token, "NO ANSWER", "CONNECT 1200", "BUSY"), Does.EndWith("\r\nNO ANSWER\r\n"));

        var mark = answering.Length;
        var dialling = terminal.CommandAsync("ATDT" + PstnBench.Settings.PhoneNumber, bench.Token, "CONNECT 1200", "NO ANSWER", "NO CARRIER");
        await answering.WaitForAsync("\r\nRING\r\n", mark, bench.Token);
        Assert.That(await answering.CommandAsync("ATA", bench.Token, "CONNECT 1200", "NO CARRIER"), Does.EndWith("\r\nCONNECT 1200\r\n"));
        Assert.That(await dialling, Does.EndWith("\r\nCONNECT 1200\r\n"));
    }

    [Test]
    public async Task Dialling_a_modem_that_is_already_in_a_call_gives_BUSY()
    {
        await using var bench = new PstnBench(Scale);
        using var otherPair = new PseudoTerminalPair();
        await using var otherModem = new SimulatedHayesModem(otherPair.MasterStream, bench.Link.Exchange.AddLine("5550001"), bench.Time);
        await using var other = new ModemConsole(bench.Open(otherPair.SlavePath));
        await using var terminal = new ModemConsole(bench.TerminalPort);
        await using var answering = new ModemConsole(bench.AnsweringPort);
        await answering.CommandAsync("ATS0=1", bench.Token);
        Assert.That(await other.CommandAsync("ATDT" + PstnBench.Settings.PhoneNumber, bench.Token, "CONNECT 1200", "NO ANSWER", "BUSY"), Does.EndWith("\r\nCONNECT 1200\r\n"));

        var result = await terminal.CommandAsync("ATDT" + PstnBench.Settings.PhoneNumber, bench.Token, "BUSY", "CONNECT 1200", "NO ANSWER", "NO CARRIER");

        Assert.That(result, Does.EndWith("\r\nBUSY\r\n"));
        Assert.That(bench.Link.AnsweringModem.State, Is.EqualTo(HayesModemState.Online), "the call in progress is not disturbed");
    }

    [Test]
    public async Task Plus_plus_plus_between_guard_times_returns_to_command_mode_and_ATH_hangs_up_so_the_far_end_loses_carrier()
    {
        await using var bench = new PstnBench(Scale);
        await using var terminal = new ModemConsole(bench.TerminalPort);
        await using var answering = new ModemConsole(bench.AnsweringPort);
        await answering.CommandAsync("ATS0=1", bench.Token);
        await terminal.CommandAsync("ATE0DT" + PstnBench.Settings.PhoneNumber, bench.Token, "CONNECT 1200", "NO ANSWER");

        // Two plus signs in the middle of data are data.
        var mark = answering.Length;
        await terminal.SendAsync("a++b");
        Assert.That(await answering.WaitForAsync("a++b", mark, bench.Token), Does.EndWith("a++b"));

        await Task.Delay(TimeSpan.FromSeconds(1.5), bench.Time);
        var escapeMark = terminal.Length;
        await terminal.SendAsync("+++");
        Assert.That(await terminal.WaitForAsync("\r\nOK\r\n", escapeMark, bench.Token), Is.EqualTo("\r\nOK\r\n"));
        Assert.That(bench.Link.TerminalModem.State, Is.EqualTo(HayesModemState.OnlineCommand));

        var answeringMark = answering.Length;
        Assert.That(await terminal.CommandAsync("ATH", bench.Token), Is.EqualTo("\r\nOK\r\n"));
        Assert.That(await answering.WaitForAsync("\r\nNO CARRIER\r\n", answeringMark, bench.Token), Is.EqualTo("\r\nNO CARRIER\r\n"), "the escape characters never reached the far end");
        Assert.That(bench.Link.AnsweringModem.State, Is.EqualTo(HayesModemState.Command));
    }

    [Test]
    public async Task An_unpowered_modem_says_nothing_and_dropping_its_power_ends_the_call_at_the_far_end()
    {
        await using var bench = new PstnBench(Scale);
        await using var terminal = new ModemConsole(bench.TerminalPort);
        await using var answering = new ModemConsole(bench.AnsweringPort);
        await answering.CommandAsync("ATS0=1", bench.Token);
        await terminal.CommandAsync("ATE0DT" + PstnBench.Settings.PhoneNumber, bench.Token, "CONNECT 1200", "NO ANSWER");
        await answering.WaitForAsync("CONNECT 1200\r\n", 0, bench.Token);
        var mark = answering.Length;

        bench.Link.SetTerminalModemPowered(false);
        await terminal.SendAsync("AT\r");

        Assert.That(await answering.WaitForAsync("\r\nNO CARRIER\r\n", mark, bench.Token), Is.EqualTo("\r\nNO CARRIER\r\n"));
        var silentMark = terminal.Length;
        await Task.Delay(TimeSpan.FromSeconds(2), bench.Time);
        Assert.That(terminal.Text[silentMark..], Is.Empty, "no OK from an unpowered modem");
        bench.Link.SetTerminalModemPowered(true);
        Assert.That(await terminal.CommandAsync("AT", bench.Token), Is.EqualTo("AT\r\r\nOK\r\n"), "powered again with factory settings (echo on)");
    }
}
