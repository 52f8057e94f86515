using System.Globalization;
using Bench.Hardware;
using Bench.Hardware.Nac;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bench.SimulatedTerminal.Modem;

/// <summary>
/// The firmware's dial-up modem driver: a Hayes AT modem on a serial stream (the terminal's modem port,
/// a pty slave opened with <c>SerialPort</c> in simulation). Before each call it initialises the modem
/// (<c>ATZ</c>, <c>ATE0</c>, S10 from the carrier-loss tolerance, S7 from the dial timeout), dials
/// <c>ATDT&lt;number&gt;</c> and retries after the redial pause on NO DIALTONE, BUSY, NO ANSWER or NO CARRIER.
/// With pre-dial the call starts at the card prompt and <see cref="OpenAsync"/> takes it over. The data
/// stream ends when the modem says NO CARRIER in-band. <see cref="HangUp"/> escapes with <c>+++</c> and
/// sends <c>ATH</c> in the background. Every timer runs on the terminal's <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>The modem shares the terminal's supply: a call started under a power session that has ended is gone.</remarks>
public sealed class HayesModemDriver : IModem
{
    /// <summary>How long ATZ, ATE0 or ATSn may take.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The escape guard time (the modem's S12 default).</summary>
    public static readonly TimeSpan GuardTime = TimeSpan.FromSeconds(1);

    /// <summary>What one dial attempt may take beyond S7: listening for dial tone and dialling.</summary>
    public static readonly TimeSpan DialOverhead = TimeSpan.FromSeconds(15);

    private readonly PstnSettings settings;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly HayesModemPort port;
    private readonly Lock gate = new();
    private readonly CancellationTokenSource disposing = new();
    private CallAttempt? call;
    private Task hangingUp = Task.CompletedTask;

    /// <param name="serial">The modem's serial port (not owned).</param>
    /// <param name="settings">The profile's dial-up settings.</param>
    /// <param name="timeProvider">Terminal time.</param>
    /// <param name="logger">Where dial attempts and failures are logged.</param>
    public HayesModemDriver(Stream serial, PstnSettings settings, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(serial);
        ArgumentNullException.ThrowIfNull(settings);
        if (PhoneNumberDigits(settings.PhoneNumber).Length == 0)
            throw new ArgumentException($"pstn.phoneNumber '{settings.PhoneNumber}' has no digits to dial", nameof(settings));
        ArgumentOutOfRangeException.ThrowIfNegative(settings.DialRetries);
        this.settings = settings;
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
        port = new HayesModemPort(serial, time, this.logger);
    }

    public string Medium => "pstn";

    public event Action<string>? Connected;

    public void BeginPreDial(CancellationToken power)
    {
        if (!settings.PreDial || power.IsCancellationRequested) return;
        lock (gate) CurrentOrNewCall(power, preDial: true);
    }

    public async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        CallAttempt attempt;
        lock (gate) attempt = CurrentOrNewCall(cancellationToken, preDial: false);
        try
        {
            var data = await attempt.Call.WaitAsync(cancellationToken);
            if (!data.HasEnded) return data;
        }
        catch (Exception exception) when (attempt.PreDial && !cancellationToken.IsCancellationRequested
            && exception is ModemException or OperationCanceledException)
        {
            logger.LogDebug("Pre-dial did not connect ({Reason}); dialling again", exception.Message);
        }

        // The pre-dialled call failed, or its carrier is already gone: dial now.
        lock (gate) attempt = CurrentOrNewCall(cancellationToken, preDial: false);
        var redialled = await attempt.Call.WaitAsync(cancellationToken);
        if (redialled.HasEnded) throw new ModemException(HayesResults.NoCarrier, "the carrier was lost right after CONNECT");
        return redialled;
    }

    public void HangUp()
    {
        lock (gate)
        {
            if (call is not { } ending) return;
            call = null;
            var previous = hangingUp;
            hangingUp = HangUpAsync(ending, previous);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposing.IsCancellationRequested) return;
        HangUp();
        Task last;
        lock (gate) last = hangingUp;
        try
        {
            // A hang-up takes a few seconds of terminal time; a deaf modem must not hold the disposal longer.
            await last.WaitAsync(GuardTime * 4 + CommandTimeout * 3, time);
        }
        catch (TimeoutException)
        {
        }
        await disposing.CancelAsync();
        await port.DisposeAsync();
        disposing.Dispose();
    }

    // Under the gate: the call in progress or up, or a new one.
    private CallAttempt CurrentOrNewCall(CancellationToken power, bool preDial)
    {
        if (call is { } existing)
        {
            var task = existing.Call;
            if (existing.Power.IsCancellationRequested)
            {
                // The terminal (and its modem) lost power since: the modem restarted in command mode.
                port.ForgetDataMode();
            }
            else if (!task.IsCompleted || (task.IsCompletedSuccessfully && !task.Result.HasEnded))
            {
                return existing;
            }
        }
        var abort = CancellationTokenSource.CreateLinkedTokenSource(power, disposing.Token);
        var previous = hangingUp;
        call = new CallAttempt(DialAsync(previous, abort.Token), power, preDial, abort);
        return call;
    }

    private async Task<ModemDataStream> DialAsync(Task previousHangUp, CancellationToken cancellationToken)
    {
        // Yield first: the caller holds the gate.
        await Task.Yield();
        await previousHangUp.WaitAsync(cancellationToken);
        var number = PhoneNumberDigits(settings.PhoneNumber);
        var dialTimeout = settings.DialTimeout + DialOverhead;
        var attempts = settings.DialRetries + 1;
        var last = HayesResults.NoCarrier;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1) await Task.Delay(settings.RedialPause, time, cancellationToken);
            try
            {
                await InitialiseAsync(cancellationToken);
                logger.LogDebug("Dialling {Number} (attempt {Attempt} of {Attempts})", number, attempt, attempts);
                var result = await port.CommandAsync("ATDT" + number, dialTimeout, cancellationToken);
                if (result.IsConnect)
                {
                    Connected?.Invoke(result.Text);
                    return result.Data!;
                }
                if (result.Text == HayesResults.Error)
                    throw new ModemException(HayesResults.Error, $"the modem rejected ATDT{number}");
                last = result.Text;
            }
            catch (TimeoutException exception)
            {
                last = "TIMEOUT";
                logger.LogDebug("Dial attempt {Attempt}: {Reason}", attempt, exception.Message);
                continue;
            }
            logger.LogDebug("Dial attempt {Attempt}: {Result}", attempt, last);
        }
        throw new ModemException(last, $"{last} after {attempts} attempt(s) to dial {number}");
    }

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        var carrierLoss = Math.Clamp((int)Math.Round(settings.CarrierLossTolerance.TotalSeconds * 10), 1, 254);
        var waitForCarrier = Math.Clamp((int)Math.Ceiling(settings.DialTimeout.TotalSeconds), 1, 255);
        foreach (var command in new[]
                 {
                     "ATZ", "ATE0",
                     "ATS10=" + carrierLoss.ToString(CultureInfo.InvariantCulture),
                     "ATS7=" + waitForCarrier.ToString(CultureInfo.InvariantCulture),
                 })
        {
            var result = await port.CommandAsync(command, CommandTimeout, cancellationToken);
            if (result.Text != HayesResults.Ok)
                throw new ModemException(HayesResults.Error, $"the modem answered {result.Text} to {command}");
        }
    }

    private async Task HangUpAsync(CallAttempt ending, Task previous)
    {
        await previous;
        // A dial still in progress is aborted (a keystroke); the modem then hangs up by itself.
        await ending.Abort.CancelAsync();
        ending.Abort.Dispose();
        try
        {
            await ending.Call;
        }
        catch (Exception exception) when (exception is ModemException or OperationCanceledException or TimeoutException or IOException)
        {
            return;
        }

        if (ending.Power.IsCancellationRequested)
        {
            port.ForgetDataMode();
            return;
        }
        // Carrier already lost: the modem is on-hook.
        if (!port.IsInDataMode) return;
        try
        {
            var result = await port.HangUpAsync(GuardTime, CommandTimeout, disposing.Token);
            logger.LogDebug("Hung up: {Result}", result?.Text ?? "no answer from the modem");
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
            logger.LogDebug("Hang-up failed: {Reason}", exception.Message);
        }
    }

    private static string PhoneNumberDigits(string number) =>
        new([.. number.Where(c => char.IsAsciiDigit(c) || c is '*' or '#' or ',')]);

    private sealed record CallAttempt(Task<ModemDataStream> Call, CancellationToken Power, bool PreDial, CancellationTokenSource Abort);
}
