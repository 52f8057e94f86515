using System.Globalization;

namespace Bench.Campaigns.Experiments;

/// <summary>When an injection strikes: on a trial event (<see cref="TrialEventKinds"/>) plus an offset in terminal time.</summary>
/// <param name="Event">One of <see cref="TrialEventKinds.All"/>.</param>
/// <param name="Offset">Terminal time after the event; never negative.</param>
public sealed record InjectionTrigger(string Event, TimeSpan Offset)
{
    public static InjectionTrigger AtStart { get; } = new(TrialEventKinds.Start, TimeSpan.Zero);

    public static InjectionTrigger On(string trialEvent) => new(trialEvent, TimeSpan.Zero);

    public override string ToString() =>
        Offset == TimeSpan.Zero ? Event : $"{Event} + {Offset.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
}
