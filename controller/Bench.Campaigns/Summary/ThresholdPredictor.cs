using System.Globalization;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Hardware;

namespace Bench.Campaigns.Summary;

/// <summary>
/// Predicts each experiment's threshold from the terminal profile and the rig (DESIGN.md §5), so a
/// measured threshold can be held against it. Byte counts (wire time, data quota) come from the run's own
/// approved trials: the frames' sizes are a property of the terminal, not of the injection.
/// </summary>
public static class ThresholdPredictor
{
    // RSRP at which the link is poor, and below which it fails (DESIGN.md §5).
    private const double PoorRsrpDbm = -100;
    private const double FloorRsrpDbm = -120;

    // One start bit, eight data bits, one stop bit on an asynchronous modem link.
    private const int BitsPerByte = 10;

    /// <summary>
    /// The prediction before any trial, for a search to start from: what the profile and the rig alone say. Null where the
    /// prediction needs the run's own trials (byte counts for a data quota or a bandwidth, the terminal's measured time to
    /// its result); a dial-up response delay is predicted as the whole timeout, its wire time being unknown until a sale has crossed.
    /// </summary>
    public static ThresholdPrediction? PredictBeforeRun(ExperimentDefinition experiment, RigDefinition rig) => Predict(experiment, rig, []);

    public static ThresholdPrediction? Predict(ExperimentDefinition experiment, RigDefinition rig, IReadOnlyList<ExecutedTrial> trials)
    {
        var profile = experiment.Terminal;
        var approved = trials.FirstOrDefault(trial => trial.Result.Outcome == TrialOutcome.Approved
            && trial.Result.RequestBytes is not null && trial.Result.ReplyBytes is not null)?.Result;
        var kind = experiment.Kind.Name;
        if (kind == ExperimentKinds.HostResponseDelay.Name)
        {
            var timeout = profile.ResponseTimeout.TotalSeconds;
            if (profile.Link != LinkKind.Pstn)
                return new(timeout, null, null, $"configured response timeout {Seconds(timeout)}");
            if (approved is null)
                return new(timeout, null, null, $"configured response timeout {Seconds(timeout)} less the 0200 and 0210 wire times (no approved trial to size them)");
            var wire = WireSeconds(approved.RequestBytes!.Value + approved.ReplyBytes!.Value, profile.Pstn.BaudRate);
            return new(timeout - wire, null, null,
                $"response timeout {Seconds(timeout)} − wire time of the 0200 and the 0210 ({approved.RequestBytes} + {approved.ReplyBytes} B at {profile.Pstn.BaudRate} bps = {Seconds(wire)}): the timer starts before the request leaves");
        }

        if (kind == ExperimentKinds.PhoneLineCut.Name)
        {
            var tolerance = profile.Pstn.CarrierLossTolerance.TotalSeconds;
            return new(tolerance, null, null, $"carrier-loss tolerance S10 {Seconds(tolerance)}");
        }

        if (kind == ExperimentKinds.LateSwipe.Name)
        {
            var servo = rig.Swiper == SwiperKind.Servo && rig.Servo is not null;
            var dwell = servo ? rig.Servo!.StrokeTime.TotalSeconds : rig.Swipe?.Dwell.TotalSeconds ?? 0;
            var cardRead = profile.CardReadTimeout.TotalSeconds;
            return new(cardRead - dwell, null, null,
                $"card-read timeout {Seconds(cardRead)} − {(servo ? "servo stroke" : "solenoid dwell")} {Seconds(dwell)}: the reader has the card when the stroke ends");
        }

        if (kind == ExperimentKinds.SlowSwipe.Name && rig.Swiper == SwiperKind.Servo && rig.Servo is { } servoArm)
        {
            return PredictSlowSwipe(profile.CardReader, servoArm);
        }

        if (kind == ExperimentKinds.SimPowerOff.Name && experiment.Trigger.Event == TrialEventKinds.CardSwiped)
        {
            var connect = profile.ConnectTimeout.TotalSeconds;
            var attach = profile.Cellular.AttachTime.TotalSeconds;
            var offset = experiment.Trigger.Offset.TotalSeconds;
            return new(connect - attach + offset, null, null,
                $"connect timeout {Seconds(connect)} − attach time {Seconds(attach)}{(offset > 0 ? $" + trigger offset {Seconds(offset)}" : "")}: the terminal starts connecting when the card is read");
        }

        if (kind == ExperimentKinds.RfAttenuation.Name)
        {
            var baseRsrp = profile.Cellular.BaseRsrpDbm;
            return new(null, baseRsrp - PoorRsrpDbm, baseRsrp - FloorRsrpDbm,
                $"between the attenuations that give RSRP {PoorRsrpDbm} dBm (poor) and {FloorRsrpDbm} dBm (no link) from a base of {baseRsrp} dBm");
        }

        if (kind == ExperimentKinds.SimDataQuota.Name)
        {
            return approved is null
                ? null
                : new(approved.RequestBytes!.Value + approved.ReplyBytes!.Value, null, null,
                    $"the bytes one sale puts on the air: 0200 {approved.RequestBytes} B + 0210 {approved.ReplyBytes} B, length prefixes included");
        }

        if (kind == ExperimentKinds.TerminalPowerCut.Name && experiment.Trigger.Event == TrialEventKinds.HostReceivedRequest)
        {
            // The sale survives a cut only once the terminal has shown its result: the threshold is the terminal's
            // own time from the host's receipt of the 0200 to its RESULT, which the approved trials measured.
            var times = trials.Where(trial => trial.Result.Outcome == TrialOutcome.Approved && trial.Result.RequestBytes is not null)
                .Select(trial => trial.Result.TimeToResultSeconds).Order().ToList();
            if (times.Count == 0) return null;
            var median = times[times.Count / 2];
            var offset = experiment.Trigger.Offset.TotalSeconds;
            var wire = profile.Link == LinkKind.Pstn && approved is not null
                ? $"; the 0210's wire time alone is {Seconds(WireSeconds(approved.ReplyBytes!.Value, profile.Pstn.BaudRate))}"
                : "";
            return new(median - offset, null, null,
                $"the terminal's time from the host's receipt of the 0200 to its result, median of {times.Count} approved trials{wire}");
        }

        if (kind == ExperimentKinds.LinkLatency.Name && experiment.Trigger.Event is TrialEventKinds.EcrSaleSent or TrialEventKinds.Start)
        {
            // The connection opens under the fault: the emulator's handshake crosses the link both ways before the
            // request does, then the request and the reply cross once each.
            var timeout = profile.ResponseTimeout.TotalSeconds;
            return new(timeout / 4, null, null,
                $"a quarter of the response timeout {Seconds(timeout)}: handshake both ways, then the request and the reply, each delayed once");
        }

        if (kind == ExperimentKinds.LinkBandwidth.Name && approved is not null)
        {
            var timeout = profile.ResponseTimeout.TotalSeconds;
            var bytes = approved.RequestBytes!.Value + approved.ReplyBytes!.Value;
            return new(bytes / timeout, null, null,
                $"the 0200 and 0210 ({bytes} B) must cross within the response timeout {Seconds(timeout)}");
        }

        if (kind == ExperimentKinds.PhoneLineDownAtSale.Name)
        {
            return PredictLineDownAtSale(profile.Pstn);
        }

        return null;
    }

    /// <summary>
    /// Every dial attempt listens <see cref="DialToneWait"/> for a dial tone and waits the redial pause after a
    /// NO DIALTONE; the line must be back before the last attempt stops listening. A pre-dialling terminal
    /// runs its attempts twice: at the card prompt, then again when the card has been read and it needs the line.
    /// </summary>
    private static ThresholdPrediction PredictLineDownAtSale(PstnSettings pstn)
    {
        var attempts = pstn.DialRetries + 1;
        var series = (pstn.DialRetries * (DialToneWait + pstn.RedialPause)) + DialToneWait;
        var seriesCount = pstn.PreDial ? 2 : 1;
        return new((series * seriesCount).TotalSeconds, null, null,
            $"{seriesCount} × {attempts} dial attempts ({(pstn.PreDial ? "pre-dial at the prompt, then again after the card is read" : "after the card is read")}), "
            + $"each listening {Seconds(DialToneWait.TotalSeconds)} for a dial tone, {Seconds(pstn.RedialPause.TotalSeconds)} between them");
    }

    /// <summary>
    /// The servo carries the card through the reader window (a fraction of the stroke from rest to end) at the
    /// stroke's even speed, so the card crosses the head in that fraction of the forward stroke time; the head
    /// decodes it up to the profile's slowest swipe. The window is the simulated harness's geometry
    /// (<see cref="ReaderWindow"/>); a real rig's reader sits where its mounting puts it.
    /// </summary>
    private static ThresholdPrediction PredictSlowSwipe(CardReaderSettings reader, ServoSwiperDefinition servo)
    {
        // Rounded: 0.7 − 0.3 is 0.39999999999999997 in binary, and the prediction would print as 2.0000000000000004 s.
        var fraction = Math.Round(ReaderWindow.ReaderWindowEnd - ReaderWindow.ReaderWindowStart, 9);
        var slowest = reader.SlowestSwipe.TotalSeconds;
        var stroke = Math.Abs(servo.EndAngle - servo.RestAngle);
        return new(slowest / fraction, null, null,
            string.Create(CultureInfo.InvariantCulture,
                $"slowest swipe the reader decodes {Seconds(slowest)} ÷ reader window {fraction:0.##} of the stroke ({stroke * fraction:0.#}° of {stroke:0.#}°): the card crosses the head in that share of the forward stroke time"));
    }

    /// <summary>Where the card reader sits along the servo's stroke: the simulated harness's geometry.</summary>
    public static Bench.Hardware.Simulation.WiringHarnessOptions ReaderWindow { get; } = new();

    /// <summary>How long a modem listens for a dial tone before it says NO DIALTONE (the simulated modem's, as a V.22 modem's S6 default).</summary>
    public static TimeSpan DialToneWait { get; } = new Bench.Hardware.Simulation.Pstn.SimulatedModemOptions().DialToneWait;

    private static double WireSeconds(int bytes, int baudRate) => (double)bytes * BitsPerByte / baudRate;

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
