using Bench.Hardware;

namespace Bench.Campaigns.Experiments;

/// <summary>
/// One failure injection a campaign can sweep (DESIGN.md §7): its name in campaign files, the scalar
/// parameter a sweep varies, and the parameter's unit. A new kind is one more entry in
/// <see cref="ExperimentKinds"/> plus an injection in <see cref="Injections.InjectionCatalogue"/>.
/// </summary>
/// <param name="Name">The <c>kind:</c> value in campaign files, e.g. <c>hostResponseDelay</c>.</param>
/// <param name="ParameterName">Human name of the swept parameter, used in axis labels and summaries.</param>
/// <param name="ParameterUnit">Unit of the parameter; <c>s</c> means seconds of terminal time.</param>
/// <param name="SupportedSearchMethods">Search methods that make sense for this kind; the first is the default.</param>
public sealed record ExperimentKind(
    string Name,
    string ParameterName,
    string ParameterUnit,
    IReadOnlyList<SearchMethod> SupportedSearchMethods)
{
    /// <summary>The smallest parameter value the injection can carry out (a delay cannot be negative).</summary>
    public double MinimumParameter { get; init; } = double.NegativeInfinity;

    /// <summary>The largest parameter value the injection can carry out.</summary>
    public double MaximumParameter { get; init; } = double.PositiveInfinity;

    /// <summary>When the injection strikes unless the campaign says otherwise.</summary>
    public InjectionTrigger DefaultTrigger { get; init; } = InjectionTrigger.AtStart;

    /// <summary>False when the trigger is part of the kind's meaning (a late swipe counts from the card prompt).</summary>
    public bool TriggerConfigurable { get; init; } = true;

    /// <summary>The terminal link the injection needs (<c>pstn</c>, <c>cellular</c>); null when any link will do.</summary>
    public string? RequiredLink { get; init; }

    /// <summary>
    /// The swiper the injection needs (a slow swipe varies the servo's stroke time); null when either will do. A
    /// campaign that sweeps such a kind on a rig whose <c>swiper:</c> is another is refused at load.
    /// </summary>
    public SwiperKind? RequiredSwiper { get; init; }

    /// <summary>What the injection does, in a line, for summaries and the README.</summary>
    public string Description { get; init; } = "";

    /// <summary>
    /// True when the sale is approved above the threshold and lost below it (a power cut early in the sale
    /// loses the result; a late one finds it shown), the reverse of a delay.
    /// </summary>
    public bool ApprovedAboveThreshold { get; init; }

    public SearchMethod DefaultSearchMethod => SupportedSearchMethods[0];

    /// <summary>True when the parameter is a time on the terminal's clock, so it can be compared with its timers.</summary>
    public bool ParameterIsTerminalSeconds => ParameterUnit == "s";
}
