using System.Globalization;
using System.Text.RegularExpressions;
using Bench.Campaigns.Checking;
using Bench.Campaigns.Experiments;
using Bench.Fixtures;

namespace Bench.Campaigns.Expectations;

/// <summary>
/// Reads the <c>expectations:</c> mapping of a campaign (applied to every experiment) and of each experiment
/// (added to the campaign's, replacing the same quantity). Keys are the quantities:
/// <code>
/// expectations:
///   threshold: {nominal: 30s, tolerance: 2s}   # or {min: 1s}, {min: 20, max: 35}; name: optional
///   thresholdFound: true
///   maxMoveFromBaseline: 0.5s                  # against the campaign's baseline: summary.json
///   noOrphanDebit: true                        # no&lt;Class&gt; for each money class that is a problem
///   compensated: {max: 5}                      # any money class counted, min/max
///   noProtocolViolations: true
/// </code>
/// Values in the experiment kind's unit: durations for seconds ("60s", "1.5 s", or a plain number of seconds),
/// plain numbers (or the unit written out) for dB, B, B/s, tx/s; another unit is a unit mismatch.
/// </summary>
public static partial class ExpectationLoader
{
    /// <summary>The key, in a campaign and in each experiment.</summary>
    public const string Key = "expectations";

    private const string ThresholdKey = "threshold";
    private const string ThresholdFoundKey = "thresholdFound";
    private const string MaxMoveFromBaselineKey = "maxMoveFromBaseline";
    private const string ProtocolViolationsKey = "protocolViolations";
    private const string NoProtocolViolationsKey = "noProtocolViolations";
    private const string NameKey = "name";

    private static readonly string[] ThresholdLimitKeys = ["nominal", "tolerance", "min", "max", NameKey];
    private static readonly string[] CountLimitKeys = ["min", "max", NameKey];

    // Clean and compensated are outcomes a campaign may count, not problems to forbid.
    private static readonly TransactionClass[] ProblemClasses =
        Enum.GetValues<TransactionClass>().Where(transactionClass => transactionClass is not (TransactionClass.Clean or TransactionClass.Compensated)).ToArray();

    private static readonly string[] DurationUnits = ["ms", "s", "min", "h"];

    /// <summary>Every key an <c>expectations:</c> mapping may hold, in the order verdicts are listed.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        ThresholdKey, ThresholdFoundKey, MaxMoveFromBaselineKey,
        .. ProblemClasses.Reverse().Select(NoKey),
        NoProtocolViolationsKey,
        .. Enum.GetValues<TransactionClass>().Reverse().Select(MoneyChecker.ClassName),
        ProtocolViolationsKey,
    ];

    /// <summary>The campaign's own expectations, which every experiment gets; null-free, empty without the key.</summary>
    /// <exception cref="CampaignFileException">A key or value is wrong, or a quantity in a kind's unit is set campaign-wide.</exception>
    public static IReadOnlyList<Expectation> ReadCampaign(YamlMappingReader campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (Mapping(campaign) is not { } reader)
        {
            return [];
        }

        foreach (var key in new[] { ThresholdKey, MaxMoveFromBaselineKey })
        {
            if (reader.Has(key))
            {
                throw reader.Error(key, $"is set per experiment: its unit is the experiment kind's; move it under each experiment's {Key}");
            }
        }

        return Read(reader, kind: null);
    }

    /// <summary>The experiment's expectations: the campaign's, with any quantity the experiment sets replaced by its own.</summary>
    /// <exception cref="CampaignFileException">A key or value is wrong, a limit is not in the kind's unit, or two expectations share a name.</exception>
    public static IReadOnlyList<Expectation> ReadExperiment(YamlMappingReader experiment, ExperimentKind kind, IReadOnlyList<Expectation> campaignExpectations)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(campaignExpectations);
        var own = Mapping(experiment) is { } reader ? Read(reader, kind) : [];
        var merged = campaignExpectations.Where(inherited => own.All(mine => mine.Quantity != inherited.Quantity)).Concat(own)
            .OrderBy(expectation => Rank(expectation.Quantity))
            .ToList();
        var clash = merged.GroupBy(expectation => expectation.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (clash is not null)
        {
            throw clash.Last().Origin.Error($"two expectations of this experiment are named '{clash.Key}'; give each its own name");
        }

        return merged;
    }

    private static YamlMappingReader? Mapping(YamlMappingReader owner)
    {
        if (!owner.Has(Key))
        {
            return null;
        }

        var reader = owner.OptionalMapping(Key)!;
        reader.RejectUnknownKeys(Keys);
        return reader;
    }

    /// <param name="kind">The experiment's kind; null for the campaign's mapping (no quantity in a kind's unit).</param>
    private static List<Expectation> Read(YamlMappingReader reader, ExperimentKind? kind)
    {
        var expectations = new List<Expectation>();
        if (kind is not null && reader.Has(ThresholdKey))
        {
            expectations.Add(ReadThreshold(reader, kind));
        }

        if (reader.Has(ThresholdFoundKey))
        {
            if (reader.HasMapping(ThresholdFoundKey) || reader.OptionalBoolean(ThresholdFoundKey) is not { } found)
                throw reader.Error(ThresholdFoundKey, "must be true, or false for a reproduction whose correct terminal never flips");
            // false: the search must find no flip (a correct terminal refuses the sale at every value), limits [0, 0].
            expectations.Add(found
                ? new Expectation(ThresholdFoundKey, ExpectationQuantity.ThresholdFound, null, null, ExpectationOrigin.Of(reader, ThresholdFoundKey))
                : new Expectation(ThresholdFoundKey, ExpectationQuantity.ThresholdFound, 0, 0, ExpectationOrigin.Of(reader, ThresholdFoundKey)));
        }

        if (kind is not null && reader.Has(MaxMoveFromBaselineKey))
        {
            var move = KindValue(reader, MaxMoveFromBaselineKey, kind)!.Value;
            if (move < 0)
            {
                throw reader.Error(MaxMoveFromBaselineKey, $"must not be negative (got {Number(move)})");
            }

            expectations.Add(new Expectation(MaxMoveFromBaselineKey, ExpectationQuantity.MoveFromBaseline, -move, move, ExpectationOrigin.Of(reader, MaxMoveFromBaselineKey)));
        }

        foreach (var transactionClass in Enum.GetValues<TransactionClass>().Reverse())
        {
            var countKey = MoneyChecker.ClassName(transactionClass);
            var noKey = ProblemClasses.Contains(transactionClass) ? NoKey(transactionClass) : null;
            if (ReadCount(reader, countKey, noKey, ExpectationQuantity.TransactionsOf(transactionClass)) is { } count)
            {
                expectations.Add(count);
            }
        }

        if (ReadCount(reader, ProtocolViolationsKey, NoProtocolViolationsKey, ExpectationQuantity.ProtocolViolations) is { } violations)
        {
            expectations.Add(violations);
        }

        return expectations;
    }

    private static Expectation ReadThreshold(YamlMappingReader reader, ExperimentKind kind)
    {
        if (!reader.HasMapping(ThresholdKey))
        {
            throw reader.Error(ThresholdKey, "must be a mapping of limits, e.g. {nominal: 60s, tolerance: 2s}, {min: 1s} or {min: 20, max: 35}");
        }

        var limits = reader.OptionalMapping(ThresholdKey)!;
        limits.RejectUnknownKeys(ThresholdLimitKeys);
        var nominal = KindValue(limits, "nominal", kind);
        var tolerance = KindValue(limits, "tolerance", kind);
        var min = KindValue(limits, "min", kind);
        var max = KindValue(limits, "max", kind);
        var name = limits.OptionalString(NameKey) ?? ThresholdKey;
        var origin = ExpectationOrigin.Of(reader, ThresholdKey);

        if (nominal is not null || tolerance is not null)
        {
            if (min is not null || max is not null)
            {
                throw limits.Error(min is not null ? "min" : "max", "give either nominal and tolerance or min/max, not both");
            }

            var nominalValue = nominal ?? throw limits.Error("nominal", "required key is missing: a tolerance is around a nominal value");
            var toleranceValue = tolerance ?? throw limits.Error("tolerance", "required key is missing: give the nominal value's tolerance (0 for an exact value)");
            if (toleranceValue < 0)
            {
                throw limits.Error("tolerance", $"must not be negative (got {Number(toleranceValue)})");
            }

            return new Expectation(name, ExpectationQuantity.Threshold, nominalValue - toleranceValue, nominalValue + toleranceValue, origin) { Nominal = nominalValue };
        }

        if (min is null && max is null)
        {
            throw limits.Error("min", "required key is missing: give nominal and tolerance, or min, max or both");
        }

        if (min > max)
        {
            throw limits.Error("max", $"must not be below min {Number(min.Value)} (got {Number(max!.Value)})");
        }

        return new Expectation(name, ExpectationQuantity.Threshold, min, max, origin);
    }

    /// <summary><c>noX: true</c> (none allowed) or <c>x: {min, max}</c> (a count in limits); null when neither is set.</summary>
    private static Expectation? ReadCount(YamlMappingReader reader, string countKey, string? noKey, ExpectationQuantity quantity)
    {
        if (noKey is not null && reader.Has(noKey))
        {
            if (reader.Has(countKey))
            {
                throw reader.Error(countKey, $"give either {noKey} or {countKey}, not both");
            }

            RequireTrue(reader, noKey, $"leave the key out not to check it, or give {countKey}: {{min: 1}} to expect one");
            return new Expectation(noKey, quantity, null, 0, ExpectationOrigin.Of(reader, noKey));
        }

        if (!reader.Has(countKey))
        {
            return null;
        }

        if (!reader.HasMapping(countKey))
        {
            throw reader.Error(countKey, "must be a mapping of limits on the count, e.g. {max: 0} or {min: 1}");
        }

        var limits = reader.OptionalMapping(countKey)!;
        limits.RejectUnknownKeys(CountLimitKeys);
        var min = limits.OptionalInteger("min");
        var max = limits.OptionalInteger("max");
        foreach (var (key, value) in new[] { ("min", min), ("max", max) })
        {
            if (value < 0)
            {
                throw limits.Error(key, $"is a count: must not be negative (got {value})");
            }
        }

        if (min is null && max is null)
        {
            throw limits.Error("max", "required key is missing: give min, max or both");
        }

        if (min > max)
        {
            throw limits.Error("max", $"must not be below min {min} (got {max})");
        }

        return new Expectation(limits.OptionalString(NameKey) ?? countKey, quantity, min, max, ExpectationOrigin.Of(reader, countKey));
    }

    private static void RequireTrue(YamlMappingReader reader, string key, string otherwise)
    {
        if (reader.HasMapping(key) || reader.OptionalBoolean(key) != true)
        {
            throw reader.Error(key, $"must be true; {otherwise}");
        }
    }

    /// <summary>A limit in the kind's unit: seconds as a duration or a plain number; other units as a plain number or with the unit written out.</summary>
    private static double? KindValue(YamlMappingReader reader, string key, ExperimentKind kind)
    {
        if (reader.OptionalString(key) is not { } text)
        {
            return null;
        }

        var match = ValuePattern().Match(text.Trim());
        var expected = kind.ParameterIsTerminalSeconds
            ? $"a duration like 60s or 1.5 s ({kind.Name} measures {kind.ParameterName} in seconds)"
            : $"a number of {kind.ParameterUnit} ({kind.Name} measures {kind.ParameterName} in {kind.ParameterUnit})";
        if (!match.Success)
        {
            throw reader.Error(key, $"must be {expected} (got '{text}')");
        }

        var number = double.Parse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Success ? match.Groups["unit"].Value : null;
        if (!double.IsFinite(number))
        {
            throw reader.Error(key, $"must be {expected} (got '{text}')");
        }

        if (kind.ParameterIsTerminalSeconds)
        {
            return unit switch
            {
                null or "s" => number,
                "ms" => number / 1_000,
                "min" => number * 60,
                "h" => number * 3_600,
                _ => throw reader.Error(key, $"unit mismatch: {unit} is not a duration, and {kind.Name} measures {kind.ParameterName} in seconds (got '{text}')"),
            };
        }

        if (unit is null || unit == kind.ParameterUnit)
        {
            return number;
        }

        var what = DurationUnits.Contains(unit, StringComparer.Ordinal) ? "a duration" : $"in {unit}";
        throw reader.Error(key, $"unit mismatch: '{text}' is {what}, and {kind.Name} measures {kind.ParameterName} in {kind.ParameterUnit}; give a plain number of {kind.ParameterUnit}");
    }

    private static string NoKey(TransactionClass transactionClass) => "no" + transactionClass;

    /// <summary>Verdicts are listed threshold first, then the money classes from the worst, then the protocol.</summary>
    private static int Rank(ExpectationQuantity quantity) => quantity.Kind switch
    {
        ExpectationQuantityKind.Threshold => 0,
        ExpectationQuantityKind.ThresholdFound => 1,
        ExpectationQuantityKind.MoveFromBaseline => 2,
        ExpectationQuantityKind.TransactionCount => 100 - (int)quantity.TransactionClass!.Value,
        _ => 1000,
    };

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<number>[-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)\s*(?<unit>[A-Za-z][A-Za-z/]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ValuePattern();
}
