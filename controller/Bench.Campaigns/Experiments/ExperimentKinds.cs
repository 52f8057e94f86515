using Bench.Hardware;

namespace Bench.Campaigns.Experiments;

/// <summary>The failure injections campaigns can sweep (DESIGN.md §7).</summary>
public static class ExperimentKinds
{
    /// <summary>The host holds its 0210 reply for the parameter's seconds (terminal time) after the 0200 arrives.</summary>
    public static readonly ExperimentKind HostResponseDelay =
        new("hostResponseDelay", "host response delay", "s", [SearchMethod.Bisection])
        {
            MinimumParameter = 0,
            MaximumParameter = 3600,
            Description = "the host holds its reply to the sale, then approves",
        };

    /// <summary>The line relay opens at the trigger for the parameter's seconds, in the middle of a call.</summary>
    public static readonly ExperimentKind PhoneLineCut =
        new("phoneLineCut", "phone line cut", "s", [SearchMethod.Bisection])
        {
            MinimumParameter = 0,
            MaximumParameter = 600,
            DefaultTrigger = InjectionTrigger.On(TrialEventKinds.HostReceivedRequest),
            RequiredLink = LinkKind.Pstn,
            Description = "the line relay opens at the trigger for the cut duration",
        };

    /// <summary>The line is open from the sale's start for the parameter's seconds: dial attempts fail until it closes.</summary>
    public static readonly ExperimentKind PhoneLineDownAtSale =
        new("phoneLineDownAtSale", "line down time from the sale's start", "s", [SearchMethod.Bisection])
        {
            MinimumParameter = 0,
            MaximumParameter = 600,
            DefaultTrigger = InjectionTrigger.On(TrialEventKinds.EcrSaleSent),
            TriggerConfigurable = false,
            RequiredLink = LinkKind.Pstn,
            Description = "the line relay is open from the sale's start for the down time",
        };

    /// <summary>The SIM relay cuts the SIM's power at the trigger for the parameter's seconds.</summary>
    public static readonly ExperimentKind SimPowerOff =
        new("simPowerOff", "SIM power off time", "s", [SearchMethod.Bisection])
        {
            MinimumParameter = 0,
            MaximumParameter = 600,
            DefaultTrigger = InjectionTrigger.On(TrialEventKinds.CardSwiped),
            RequiredLink = LinkKind.Cellular,
            Description = "the SIM relay is off from the trigger for the off time",
        };

    /// <summary>The step attenuator is set before the sale and back to idle after it.</summary>
    public static readonly ExperimentKind RfAttenuation =
        new("rfAttenuation", "RF attenuation", "dB", [SearchMethod.Staircase])
        {
            MinimumParameter = 0,
            MaximumParameter = 200,
            TriggerConfigurable = false,
            RequiredLink = LinkKind.Cellular,
            Description = "the attenuator is set before the sale and back to idle after it",
        };

    /// <summary>The terminal's power relay opens the parameter's seconds after the trigger, and closes after the settle time.</summary>
    public static readonly ExperimentKind TerminalPowerCut =
        new("terminalPowerCut", "power cut offset after the trigger", "s", [SearchMethod.Bisection])
        {
            MinimumParameter = 0,
            MaximumParameter = 600,
            DefaultTrigger = InjectionTrigger.On(TrialEventKinds.HostReceivedRequest),
            ApprovedAboveThreshold = true,
            Description = "the terminal's power relay opens at trigger + offset and closes after the settle time",
        };

    /// <summary>The solenoid fires the parameter's seconds after the card prompt (never once the sale has ended).</summary>
    public static readonly ExperimentKind LateSwipe =
        new("lateSwipe", "swipe delay after the card prompt", "s", [SearchMethod.Bisection])
        {
            MinimumParameter = 0,
            MaximumParameter = 3600,
            DefaultTrigger = InjectionTrigger.On(TrialEventKinds.CardPrompted),
            TriggerConfigurable = false,
            Description = "the swipe solenoid fires that long after the card prompt",
        };

    /// <summary>
    /// The servo sweeps the card through the reader with the parameter as its forward stroke time, when the terminal
    /// prompts for it: a longer stroke is a slower card, and past the reader's slowest swipe the head cannot decode
    /// it. The sale is approved below the threshold and ends in NO CARD at the card-read timeout above it.
    /// </summary>
    public static readonly ExperimentKind SlowSwipe =
        new("slowSwipe", "servo stroke time", "s", [SearchMethod.Bisection])
        {
            // One 50 Hz PWM period: the servo cannot be commanded through a stroke faster than it reads its pulse.
            MinimumParameter = 0.02,
            MaximumParameter = 600,
            DefaultTrigger = InjectionTrigger.On(TrialEventKinds.CardPrompted),
            TriggerConfigurable = false,
            RequiredSwiper = SwiperKind.Servo,
            Description = "the servo swipes the card at the card prompt with that forward stroke time instead of the normal one",
        };

    /// <summary>The carrier passes only the parameter's bytes (both directions) from the trial's start, then blackholes.</summary>
    public static readonly ExperimentKind SimDataQuota =
        new("simDataQuota", "carrier data quota", "B", [SearchMethod.Bisection])
        {
            MinimumParameter = 0,
            MaximumParameter = 100_000_000,
            TriggerConfigurable = false,
            RequiredLink = LinkKind.Cellular,
            ApprovedAboveThreshold = true,
            Description = "the SIM is out of data balance: the carrier passes that many bytes, then nothing (simulated carrier)",
        };

    /// <summary>
    /// Both directions of the host link are delayed by the parameter from the trigger on (Toxiproxy's latency).
    /// It strikes when the sale is sent, before the terminal connects: a fault switched on once the connection
    /// is up would race the terminal's first write.
    /// </summary>
    public static readonly ExperimentKind LinkLatency =
        new("linkLatency", "one-way link latency", "s", [SearchMethod.Bisection])
        {
            MinimumParameter = 0,
            MaximumParameter = 600,
            DefaultTrigger = InjectionTrigger.On(TrialEventKinds.EcrSaleSent),
            Description = "every byte on the host link is delayed that long in each direction from the trigger on",
        };

    /// <summary>Both directions of the host link are throttled to the parameter from the trigger on (Toxiproxy's bandwidth).</summary>
    public static readonly ExperimentKind LinkBandwidth =
        new("linkBandwidth", "link bandwidth", "B/s", [SearchMethod.Bisection])
        {
            MinimumParameter = 1,
            MaximumParameter = 100_000_000,
            DefaultTrigger = InjectionTrigger.On(TrialEventKinds.EcrSaleSent),
            ApprovedAboveThreshold = true,
            Description = "the host link carries at most that many bytes per second in each direction from the trigger on",
        };

    /// <summary>Other terminals load the host with the parameter's transactions per second while the sale runs (peak hour).</summary>
    public static readonly ExperimentKind HostBackgroundLoad =
        new("hostBackgroundLoad", "background load", "tx/s", [SearchMethod.Staircase])
        {
            MinimumParameter = 0,
            MaximumParameter = 10_000,
            TriggerConfigurable = false,
            Description = "other terminals send the host that many sales per second, from a warm-up before the sale until it ends",
        };

    public static readonly IReadOnlyList<ExperimentKind> All =
    [
        HostResponseDelay, PhoneLineCut, PhoneLineDownAtSale, SimPowerOff, RfAttenuation, TerminalPowerCut, LateSwipe, SlowSwipe, SimDataQuota,
        LinkLatency, LinkBandwidth, HostBackgroundLoad,
    ];

    public static ExperimentKind? Find(string name) =>
        All.FirstOrDefault(kind => string.Equals(kind.Name, name, StringComparison.Ordinal));
}
