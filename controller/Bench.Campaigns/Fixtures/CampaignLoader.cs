using System.Text.RegularExpressions;
using Bench.Campaigns.Expectations;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Search;
using Bench.Hardware;

namespace Bench.Campaigns.Fixtures;

/// <summary>
/// Reads a campaign (fixtures/campaigns/*.yaml) and the rig, terminal profiles and card it references.
/// Paths inside a campaign are relative to the campaign file's folder.
/// </summary>
public static partial class CampaignLoader
{
    private static readonly string[] CampaignKeys = ["name", "rig", "terminal", "card", "hostRules", "experiments", ExpectationLoader.Key, ExpectationBaselineLoader.Key];

    private static readonly string[] ExperimentKeys =
        [
            "name", "kind", "terminal", "from", "to", "resolution", "search", "settle", "amount", "trigger", "maxTrials", "invalidTrialLimit",
            "confirmationTrials", "intervalWidth", ExpectationLoader.Key,
        ];

    private static readonly string[] TriggerKeys = ["on", "after"];

    // Field 4 is n12: twelve digits of minor units.
    private const long MaximumAmountMinorUnits = 999_999_999_999;
    private const long DefaultAmountMinorUnits = 100;

    /// <exception cref="CampaignFileException">
    /// The campaign or a file it references is missing, malformed or has an invalid value.
    /// </exception>
    public static CampaignDefinition Load(string file) => Load(file, FixtureOverrides.None);

    /// <summary>Loads the campaign and every file it references with the run's <c>--set</c> overrides applied, and records them.</summary>
    /// <exception cref="CampaignFileException">As <see cref="Load(string)"/>, or an override is invalid (reported as <c>--set PATH: problem</c>).</exception>
    public static CampaignDefinition Load(string file, FixtureOverrides overrides)
    {
        var reader = YamlFixtureFile.OpenRootMapping(file, FixtureKind.Campaign, overrides);
        reader.RejectUnknownKeys(CampaignKeys);

        var name = reader.RequiredString("name");
        var rigFile = reader.RequiredFile("rig");
        var rig = ReferencedFixture.Load(reader, "rig", rigFile, rigPath => RigDefinitionLoader.Load(rigPath, overrides));
        var terminalFile = reader.RequiredFile("terminal");
        var terminal = ReferencedFixture.Load(reader, "terminal", terminalFile, profilePath => TerminalProfileLoader.Load(profilePath, overrides));
        var cardFile = reader.RequiredFile("card");
        var card = ReferencedFixture.Load(reader, "card", cardFile, cardPath => TestCardLoader.Load(cardPath, overrides));
        var hostRulesFile = reader.OptionalFile("hostRules");

        var campaignExpectations = ExpectationLoader.ReadCampaign(reader);
        var baseline = ExpectationBaselineLoader.Read(reader);
        var experimentReaders = reader.RequiredListOfMappings("experiments");
        CampaignLimits.CheckExperimentCount(reader, "experiments", experimentReaders.Count);
        var experiments = new List<ExperimentDefinition>(experimentReaders.Count);
        foreach (var experimentReader in experimentReaders)
        {
            var experiment = ReadExperiment(experimentReader, terminalFile, terminal, rig, overrides);
            experiment = experiment with { Expectations = ExpectationLoader.ReadExperiment(experimentReader, experiment.Kind, campaignExpectations) };
            var (terminalReader, terminalKey) = experimentReader.Has("terminal") ? (experimentReader, "terminal") : (reader, "terminal");
            CampaignLimits.CheckTrialFitsWatchdog(experimentReader, terminalReader, terminalKey, experiment, rig);
            if (experiments.Any(existing => existing.Name == experiment.Name))
            {
                throw experimentReader.Error("name", $"'{experiment.Name}' is already used by another experiment");
            }

            experiments.Add(experiment);
        }

        var campaign = new CampaignDefinition(name, Path.GetFullPath(file), rigFile, rig, terminalFile, terminal, cardFile, card, hostRulesFile, experiments)
        {
            Overrides = overrides.All,
            Baseline = baseline,
        };
        // Without a baseline here, bench run --baseline may still bring one: it checks again then.
        if (baseline is not null) ExpectationBaselineCheck.Check(campaign);
        return campaign;
    }

    private static ExperimentDefinition ReadExperiment(
        YamlMappingReader reader, string campaignTerminalFile, TerminalProfile campaignTerminal, RigDefinition rig, FixtureOverrides overrides)
    {
        reader.RejectUnknownKeys(ExperimentKeys);

        var name = reader.RequiredString("name");
        if (!ExperimentNamePattern().IsMatch(name))
        {
            throw reader.Error("name", $"must be letters, digits, '.', '_' or '-' (it names the plot files) (got '{name}')");
        }

        var kindName = reader.RequiredString("kind");
        var kind = ExperimentKinds.Find(kindName)
            ?? throw reader.Error("kind", $"unknown experiment kind '{kindName}'; known kinds: {string.Join(", ", ExperimentKinds.All.Select(known => known.Name))}");

        var terminalFile = reader.OptionalFile("terminal") ?? campaignTerminalFile;
        var terminal = terminalFile == campaignTerminalFile ? campaignTerminal : ReferencedFixture.Load(reader, "terminal", terminalFile, profilePath => TerminalProfileLoader.Load(profilePath, overrides));

        if (kind.RequiredLink is { } link && terminal.Link != link)
        {
            throw reader.Error("kind", $"{kind.Name} needs a terminal with link: {link}, but {terminal.Model} ({Path.GetFileName(terminalFile)}) has link: {terminal.Link}");
        }

        CheckRigCanInject(reader, name, kind, rig);

        var from = Parameter(reader, kind, "from") ?? throw reader.MissingKey("from");
        var to = Parameter(reader, kind, "to") ?? throw reader.MissingKey("to");
        foreach (var (key, value) in new[] { ("from", from), ("to", to) })
        {
            if (value < kind.MinimumParameter || value > kind.MaximumParameter)
            {
                throw reader.Error(key, $"{kind.Name} takes {kind.ParameterName} from {kind.MinimumParameter} to {kind.MaximumParameter} {kind.ParameterUnit} (got {value})");
            }
        }

        if (to <= from)
        {
            throw reader.Error("to", $"must be greater than from ({from}) (got {to})");
        }

        var resolution = Parameter(reader, kind, "resolution") ?? throw reader.MissingKey("resolution");
        if (resolution <= 0)
        {
            throw reader.Error("resolution", $"must be > 0 (got {resolution})");
        }

        if (resolution > to - from)
        {
            throw reader.Error("resolution", $"must not exceed the range width {to - from} (got {resolution})");
        }

        var explicitSearch = ReadSearchMethod(reader, kind);

        var settle = reader.OptionalDuration("settle") ?? TimeSpan.Zero;

        var amount = reader.OptionalInteger("amount") ?? DefaultAmountMinorUnits;
        if (amount is <= 0 or > MaximumAmountMinorUnits)
        {
            throw reader.Error("amount", $"must be between 1 and {MaximumAmountMinorUnits} minor units (got {amount})");
        }

        var trigger = ReadTrigger(reader, kind);

        var maximumTrials = reader.OptionalInteger("maxTrials") ?? 40;
        if (maximumTrials is < 4 or > 1000)
        {
            throw reader.Error("maxTrials", $"must be between 4 and 1000 (got {maximumTrials})");
        }

        if (kind == ExperimentKinds.RfAttenuation && rig.Attenuator is { } attenuator && to > attenuator.MaximumDecibels)
        {
            throw reader.Error("to", $"the rig's attenuator reaches {attenuator.MaximumDecibels} dB at most (got {to})");
        }

        if (kind == ExperimentKinds.RfAttenuation && rig.Attenuator is { } stepped)
        {
            foreach (var (key, value) in new[] { ("from", from), ("resolution", resolution) })
            {
                var steps = value / stepped.StepDecibels;
                if (Math.Abs(steps - Math.Round(steps)) > 1e-9)
                {
                    throw reader.Error(key, $"must be a multiple of the attenuator's {stepped.StepDecibels} dB step (got {value})");
                }
            }
        }

        var invalidTrialLimit = reader.OptionalInteger("invalidTrialLimit") ?? BisectionSearch.DefaultInvalidTrialLimit;
        if (invalidTrialLimit is < 1 or > BisectionSearch.MaximumInvalidTrialLimit)
        {
            throw reader.Error("invalidTrialLimit", $"must be between 1 and {BisectionSearch.MaximumInvalidTrialLimit} invalid trials in a row (got {invalidTrialLimit})");
        }

        var experiment = new ExperimentDefinition(
            name, kind, new ParameterRange(from, to), resolution, explicitSearch ?? kind.DefaultSearchMethod, settle, amount, terminalFile, terminal)
        {
            Trigger = trigger,
            MaximumTrials = (int)maximumTrials,
            InvalidTrialLimit = (int)invalidTrialLimit,
        };
        return ReadSearchKeys(reader, kind, experiment with { SearchMethod = explicitSearch ?? SearchMethods.Default(kind) });
    }

    /// <summary>The keys that tune one search method; each is refused with any other method, where it would do nothing.</summary>
    private static ExperimentDefinition ReadSearchKeys(YamlMappingReader reader, ExperimentKind kind, ExperimentDefinition experiment)
    {
        var method = SearchMethods.Name(experiment.SearchMethod);
        var confirmationTrials = reader.OptionalInteger("confirmationTrials");
        if (confirmationTrials is { } confirmations)
        {
            if (confirmations is < 0 or > FrugalSearch.MaximumConfirmationTrials)
            {
                throw reader.Error("confirmationTrials", $"must be between 0 and {FrugalSearch.MaximumConfirmationTrials} trials at each end (got {confirmations})");
            }

            if (experiment.SearchMethod != SearchMethod.Frugal)
            {
                throw reader.Error("confirmationTrials", $"only a frugal search confirms its bracket, and this experiment's search is {method}");
            }
        }

        var intervalWidth = Parameter(reader, kind, "intervalWidth");
        if (intervalWidth is { } width)
        {
            if (experiment.SearchMethod != SearchMethod.Psychometric)
            {
                throw reader.Error("intervalWidth", $"only a psychometric search stops at an interval width, and this experiment's search is {method}");
            }

            if (!double.IsFinite(width) || width <= 0 || width > experiment.Range.Width)
            {
                throw reader.Error("intervalWidth", $"must be > 0 and at most the range width {experiment.Range.Width} {kind.ParameterUnit} (got {width})");
            }
        }

        return experiment with
        {
            ConfirmationTrials = (int)(confirmationTrials ?? FrugalSearch.DefaultConfirmationTrials),
            IntervalWidth = intervalWidth,
        };
    }

    private static InjectionTrigger ReadTrigger(YamlMappingReader reader, ExperimentKind kind)
    {
        if (reader.OptionalMapping("trigger") is not { } trigger)
        {
            return kind.DefaultTrigger;
        }

        if (!kind.TriggerConfigurable)
        {
            throw reader.Error("trigger", $"{kind.Name} always strikes on {kind.DefaultTrigger}: leave the trigger out");
        }

        trigger.RejectUnknownKeys(TriggerKeys);
        var on = trigger.RequiredString("on");
        if (!TrialEventKinds.All.Contains(on, StringComparer.Ordinal))
        {
            var hint = KeySuggestion.Closest(on, TrialEventKinds.All);
            var suggestion = hint is null ? "" : $" (did you mean '{hint}'?)";
            throw trigger.Error("on", $"unknown event '{on}'{suggestion}; events: {string.Join(", ", TrialEventKinds.All)}");
        }

        var after = trigger.OptionalDuration("after") ?? TimeSpan.Zero;
        if (after < TimeSpan.Zero)
        {
            throw trigger.Error("after", $"must not be negative (got {DurationText.Format(after)})");
        }

        return new InjectionTrigger(on, after);
    }

    /// <summary>An injection needs its actuator: a campaign that sweeps a relay the rig lacks is refused at load.</summary>
    private static void CheckRigCanInject(YamlMappingReader reader, string name, ExperimentKind kind, RigDefinition rig)
    {
        if (kind.RequiredSwiper is { } swiper && (rig.Swiper != swiper || !rig.HasSwiper))
        {
            var wanted = swiper.ToString().ToLowerInvariant();
            var present = rig.HasSwiper ? $"swipes with a {rig.Swiper.ToString().ToLowerInvariant()}" : "has no swiper";
            throw reader.Error("kind", $"experiment '{name}': {kind.Name} needs a {wanted} swiper (swiper: {wanted}), and rig '{rig.Name}' {present}");
        }

        var (device, fitted) = kind.Name switch
        {
            "phoneLineCut" or "phoneLineDownAtSale" => ("phoneLine", rig.PhoneLine is not null),
            "simPowerOff" => ("simPower", rig.SimPower is not null),
            "rfAttenuation" => ("attenuator", rig.Attenuator is not null),
            "terminalPowerCut" => ("terminalPower", rig.TerminalPower is not null),
            // Every other kind needs only what every sale needs: a swiper (the solenoid or the servo the rig file chooses).
            _ => ("swiper", rig.HasSwiper),
        };
        if (!fitted)
        {
            throw reader.Error("kind", $"{kind.Name} needs the rig's {device}, and rig '{rig.Name}' has none");
        }
    }

    // Seconds-valued kinds accept "90" or "90s"; others take plain numbers in their unit.
    private static double? Parameter(YamlMappingReader reader, ExperimentKind kind, string key) =>
        kind.ParameterIsTerminalSeconds ? reader.OptionalSeconds(key) : reader.OptionalNumber(key);

    /// <summary>The method the campaign names; null when it names none and the default applies.</summary>
    private static SearchMethod? ReadSearchMethod(YamlMappingReader reader, ExperimentKind kind)
    {
        if (reader.OptionalString("search") is not { } text)
        {
            return null;
        }

        var method = SearchMethods.Parse(text)
            ?? throw reader.Error("search", $"must be {string.Join(", ", SearchMethods.All.SkipLast(1).Select(SearchMethods.Name))} or {SearchMethods.Name(SearchMethods.All[^1])} (got '{text}')");

        var supportedMethods = SearchMethods.Supported(kind);
        if (!supportedMethods.Contains(method))
        {
            var supported = string.Join(", ", supportedMethods.Select(SearchMethods.Name));
            throw reader.Error("search", $"{text} search is not supported for {kind.Name} (supported: {supported})");
        }

        return method;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ExperimentNamePattern();
}
