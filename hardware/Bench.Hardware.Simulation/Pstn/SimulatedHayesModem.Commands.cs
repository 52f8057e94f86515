using System.Globalization;
using Bench.Hardware.Nac;
using Microsoft.Extensions.Logging;

namespace Bench.Hardware.Simulation.Pstn;

/// <summary>
/// The modem's command set: <c>AT</c>, <c>Z</c>, <c>E0/E1</c>, <c>Sn=v</c>, <c>Sn?</c>, <c>D[T|P]number</c>,
/// <c>A</c>, <c>H0</c>, <c>O</c>, and the usual harmless settings (<c>V1 Q0 Xn Mn Ln &amp;x</c>). Registers:
/// S0 rings before auto-answer, S1 ring count, S2 escape character, S3/S4/S5 CR/LF/BS, S7 seconds to wait
/// for carrier after dialling, S8 comma pause, S10 carrier-loss tolerance in tenths of a second, S12 escape
/// guard time in fiftieths of a second.
/// </summary>
public sealed partial class SimulatedHayesModem
{
    private const int RegisterCount = 100;
    private const int LongestCommandLine = 255;
    private const int AutoAnswerRegister = 0;
    private const int RingCountRegister = 1;
    private const int EscapeCharacterRegister = 2;
    private const int CarriageReturnRegister = 3;
    private const int LineFeedRegister = 4;
    private const int BackspaceRegister = 5;
    private const int WaitForCarrierRegister = 7;
    private const int CommaPauseRegister = 8;
    private const int CarrierLossRegister = 10;
    private const int GuardTimeRegister = 12;

    private readonly int[] registers = new int[RegisterCount];
    private readonly List<byte> commandLine = [];
    private bool echo = true;

    private TimeSpan GuardTime => TimeSpan.FromMilliseconds(20 * registers[GuardTimeRegister]);

    private TimeSpan CarrierLossTolerance => TimeSpan.FromMilliseconds(100 * registers[CarrierLossRegister]);

    // Under the gate (or before the modem runs).
    private void ResetRegisters()
    {
        Array.Clear(registers);
        registers[EscapeCharacterRegister] = '+';
        registers[CarriageReturnRegister] = '\r';
        registers[LineFeedRegister] = '\n';
        registers[BackspaceRegister] = 8;
        registers[6] = 2;
        registers[WaitForCarrierRegister] = 50;
        registers[CommaPauseRegister] = 2;
        registers[9] = 6;
        registers[CarrierLossRegister] = 14;
        registers[11] = 95;
        registers[GuardTimeRegister] = 50;
        echo = true;
    }

    private async Task ExecuteAsync(string line, int commandGeneration)
    {
        var text = line.Trim().ToUpperInvariant();
        // A line that is not a command is ignored, as a Hayes modem does.
        if (!text.StartsWith("AT", StringComparison.Ordinal)) return;
        var commands = text[2..];
        var position = 0;
        while (position < commands.Length)
        {
            var letter = commands[position++];
            switch (letter)
            {
                case ' ':
                    continue;
                case 'D':
                    StartDial(commands[position..], commandGeneration);
                    return;
                case 'A':
                    StartAnswer(commandGeneration);
                    return;
                case 'O':
                    ReturnOnline(commandGeneration);
                    return;
                case 'H':
                    if (ReadNumber(commands, ref position) is not (null or 0)) break;
                    await HangUpAsync(commandGeneration);
                    continue;
                case 'Z':
                    ReadNumber(commands, ref position);
                    Reset(commandGeneration);
                    continue;
                case 'E':
                    var echoSetting = ReadNumber(commands, ref position) ?? 0;
                    if (echoSetting > 1) break;
                    lock (gate) echo = echoSetting == 1;
                    continue;
                case 'V':
                    // Numeric result codes are not offered: everything on this bench speaks words.
                    if (ReadNumber(commands, ref position) != 1) break;
                    continue;
                case 'Q':
                    if (ReadNumber(commands, ref position) is not (null or 0)) break;
                    continue;
                case 'X' or 'M' or 'L':
                    if (ReadNumber(commands, ref position) is > 4) break;
                    continue;
                case '&':
                    if (position >= commands.Length || !char.IsAsciiLetterUpper(commands[position])) break;
                    var ampersand = commands[position++];
                    ReadNumber(commands, ref position);
                    if (ampersand == 'F') lock (gate) ResetRegisters();
                    continue;
                case 'S':
                    if (!Register(commands, ref position, commandGeneration)) break;
                    continue;
            }

            Respond(HayesResults.Error, commandGeneration);
            return;
        }
        Respond(HayesResults.Ok, commandGeneration);
    }

    // Sn=v or Sn?; false on a bad number, a register out of range or a value over 255.
    private bool Register(string commands, ref int position, int commandGeneration)
    {
        if (ReadNumber(commands, ref position) is not int number || number >= RegisterCount || position >= commands.Length) return false;
        var operation = commands[position++];
        if (operation == '?')
        {
            int value;
            lock (gate) value = registers[number];
            Respond(value.ToString("D3", CultureInfo.InvariantCulture), commandGeneration);
            return true;
        }
        if (operation != '=' || ReadNumber(commands, ref position) is not int newValue || newValue > 255) return false;
        lock (gate) registers[number] = newValue;
        return true;
    }

    private static int? ReadNumber(string commands, ref int position)
    {
        var start = position;
        while (position < commands.Length && char.IsAsciiDigit(commands[position]) && position - start < 4) position++;
        return position == start ? null : int.Parse(commands.AsSpan(start, position - start), CultureInfo.InvariantCulture);
    }

    private void Respond(string result, int commandGeneration)
    {
        lock (gate)
        {
            if (commandGeneration == generation) Send(result);
        }
    }

    private void Reset(int commandGeneration)
    {
        PhoneCall? dropped = null;
        lock (gate)
        {
            if (commandGeneration != generation) return;
            ResetRegisters();
            if (state == HayesModemState.OnlineCommand)
            {
                dropped = call;
                ClearCall();
                EnterState(HayesModemState.Command);
            }
        }
        dropped?.Leave(this);
    }

    private void ReturnOnline(int commandGeneration)
    {
        lock (gate)
        {
            if (commandGeneration != generation) return;
            if (state != HayesModemState.OnlineCommand || call is null)
            {
                Send(HayesResults.NoCarrier);
                return;
            }
            EnterState(HayesModemState.Online);
            lastInputTimestamp = time.GetTimestamp();
            Send($"{HayesResults.Connect} {call.LineRate}");
        }
    }

    /// <summary>ATH: a modem online sends what is still in its buffer, then drops the carrier.</summary>
    private async Task HangUpAsync(int commandGeneration)
    {
        PhoneCall? connected;
        lock (gate)
        {
            if (commandGeneration != generation) return;
            // A ringing line keeps ringing: ATH only keeps the modem on-hook.
            connected = state == HayesModemState.OnlineCommand ? call : null;
        }
        if (connected is null) return;
        try
        {
            await connected.DrainAsync(this).WaitAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        lock (gate)
        {
            if (commandGeneration != generation || call != connected) return;
            ClearCall();
            EnterState(HayesModemState.Command);
        }
        logger.LogDebug("Modem {Number} hung up", Number);
        connected.Leave(this);
    }

    private void StartDial(string dialString, int commandGeneration)
    {
        var number = PhoneExchange.Digits(dialString);
        var pauses = dialString.Count(c => c == ',');
        CancellationToken token;
        lock (gate)
        {
            if (commandGeneration != generation) return;
            if (state != HayesModemState.Command || number.Length == 0)
            {
                Send(HayesResults.Error);
                return;
            }
            EnterState(HayesModemState.Dialing);
            attempt = new CancellationTokenSource();
            attemptAbortedByKey = false;
            token = attempt.Token;
        }
        logger.LogDebug("Modem {Number} dialling {Dialled}", Number, number);
        _ = Task.Run(() => DialAsync(number, pauses, commandGeneration, token));
    }

    private async Task DialAsync(string number, int pauses, int dialGeneration, CancellationToken aborted)
    {
        PhoneCall? placed = null;
        string? result;
        int waitForCarrier;
        int pauseSeconds;
        lock (gate)
        {
            waitForCarrier = registers[WaitForCarrierRegister];
            pauseSeconds = registers[CommaPauseRegister];
        }
        using var carrierWait = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted, carrierWait.Token);
        try
        {
            result = await ListenForDialToneAsync(aborted);
            if (result is null)
            {
                await Task.Delay(options.DialDuration + TimeSpan.FromSeconds(pauses * pauseSeconds), time, aborted);
                // S7 runs from the end of dialling until carrier.
                carrierWait.CancelAfter(TimeSpan.FromSeconds(waitForCarrier));
                var target = line.Exchange.Find(number);
                if (target == line)
                {
                    result = HayesResults.Busy;
                }
                else if (target?.Modem is not { } callee)
                {
                    // An unassigned number or an empty socket: nothing ever answers.
                    await Task.Delay(Timeout.InfiniteTimeSpan, time, wait.Token);
                    result = HayesResults.NoAnswer;
                }
                else
                {
                    placed = new PhoneCall(this, line, callee, target, time,
                        Math.Min(options.LineRate, callee.LineRate), Max(options.TrainingDuration, callee.options.TrainingDuration));
                    lock (gate)
                    {
                        if (dialGeneration == generation && state == HayesModemState.Dialing) call = placed;
                    }
                    if (call != placed)
                    {
                        placed.Leave(this);
                        return;
                    }
                    if (!callee.TryOffer(placed))
                        result = HayesResults.Busy;
                    else if (await placed.Established.WaitAsync(wait.Token))
                        result = null;
                    else
                        result = HayesResults.NoCarrier;
                }
            }
        }
        catch (OperationCanceledException) when (carrierWait.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            result = placed?.IsAnswered == true ? HayesResults.NoCarrier : HayesResults.NoAnswer;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            bool byKey;
            lock (gate) byKey = attemptAbortedByKey;
            // A power cut says nothing; a keystroke is answered with NO CARRIER.
            result = byKey ? HayesResults.NoCarrier : null;
            if (!byKey)
            {
                placed?.Leave(this);
                return;
            }
        }
        EndAttempt(placed, result, dialGeneration, HayesModemState.Dialing);
    }

    // Null when the line has a dial tone (at once, or within the wait); NO DIALTONE otherwise.
    private async Task<string?> ListenForDialToneAsync(CancellationToken aborted)
    {
        var tone = line.WhenConnected();
        if (tone.IsCompleted) return null;
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var timeout = Task.Delay(options.DialToneWait, time, listening.Token);
        var first = await Task.WhenAny(tone, timeout);
        await listening.CancelAsync();
        aborted.ThrowIfCancellationRequested();
        return first == tone ? null : HayesResults.NoDialTone;
    }

    private void StartAnswer(int commandGeneration)
    {
        lock (gate)
        {
            if (commandGeneration != generation) return;
            if (state == HayesModemState.Ringing && call is { } ringing)
            {
                BeginAnswer(ringing);
                return;
            }
            // Nobody is calling: the modem goes off-hook, hears no carrier and hangs up.
            Send(state == HayesModemState.Command ? HayesResults.NoCarrier : HayesResults.Error);
        }
    }

    // Under the gate, while ringing.
    private void BeginAnswer(PhoneCall ringing)
    {
        ringTimer?.Dispose();
        ringTimer = null;
        EnterState(HayesModemState.Answering);
        attempt = new CancellationTokenSource();
        attemptAbortedByKey = false;
        var token = attempt.Token;
        var answerGeneration = generation;
        var waitForCarrier = TimeSpan.FromSeconds(registers[WaitForCarrierRegister]);
        _ = Task.Run(() => AnswerAsync(ringing, answerGeneration, waitForCarrier, token));
    }

    private async Task AnswerAsync(PhoneCall ringing, int answerGeneration, TimeSpan waitForCarrier, CancellationToken aborted)
    {
        logger.LogDebug("Modem {Number} answering", Number);
        ringing.Answer();
        using var carrierWait = new CancellationTokenSource(waitForCarrier, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted, carrierWait.Token);
        string? result;
        try
        {
            result = await ringing.Established.WaitAsync(wait.Token) ? null : HayesResults.NoCarrier;
        }
        catch (OperationCanceledException)
        {
            bool byKey;
            lock (gate) byKey = attemptAbortedByKey;
            result = !aborted.IsCancellationRequested || byKey ? HayesResults.NoCarrier : null;
            if (result is null)
            {
                ringing.Leave(this);
                return;
            }
        }
        EndAttempt(ringing, result, answerGeneration, HayesModemState.Answering);
    }

    // A call attempt is over: online with CONNECT when result is null, else back on-hook with the result.
    private void EndAttempt(PhoneCall? attempted, string? result, int attemptGeneration, HayesModemState attemptState)
    {
        var connected = false;
        lock (gate)
        {
            if (attemptGeneration == generation && state == attemptState)
            {
                if (result is null && attempted is not null && call == attempted)
                {
                    connected = true;
                    attempt = null;
                    EnterState(HayesModemState.Online);
                    lastInputTimestamp = time.GetTimestamp();
                    escapeCount = 0;
                    Send($"{HayesResults.Connect} {attempted.LineRate}");
                    // A cut during training counts from now.
                    EvaluateCarrier();
                }
                else
                {
                    ClearCall();
                    EnterState(HayesModemState.Command);
                    Send(result ?? HayesResults.NoCarrier);
                }
            }
        }
        if (!connected) attempted?.Leave(this);
        logger.LogDebug("Modem {Number}: {Result}", Number, connected ? "CONNECT" : result);
    }

    private static TimeSpan Max(TimeSpan first, TimeSpan second) => first > second ? first : second;
}
