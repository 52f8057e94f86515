using YamlDotNet.RepresentationModel;

namespace Bench.Fixtures;

/// <summary>
/// The <c>--set PATH=VALUE</c> overrides of one run. Each is written into the YAML tree of the file it targets
/// right after that file is parsed and before its loader reads it, so the loader checks an overridden value
/// exactly as one written in the file (keys, types, limits, the nearest key for a misspelt one); a problem at
/// a value or key an override wrote is reported as <c>--set PATH: problem</c>. Later overrides of the same path win.
/// </summary>
public sealed class FixtureOverrides
{
    private const string ExperimentsKey = "experiments";

    private readonly IReadOnlyList<(FixtureOverride Override, FixturePath Path)> entries;

    public FixtureOverrides(IEnumerable<FixtureOverride> overrides)
    {
        All = [.. overrides];
        entries = All.Select(fixtureOverride => (fixtureOverride, FixturePath.Parse(fixtureOverride))).ToList();
    }

    public static FixtureOverrides None { get; } = new([]);

    /// <summary>The overrides in the order given, as recorded with the run.</summary>
    public IReadOnlyList<FixtureOverride> All { get; }

    /// <summary>Reads each <c>PATH=VALUE</c>.</summary>
    /// <exception cref="CampaignFileException">One is not of the form PATH=VALUE or has a malformed path.</exception>
    public static FixtureOverrides Parse(IEnumerable<string> texts) => new(texts.Select(FixtureOverride.Parse));

    /// <summary>Writes the overrides for <paramref name="kind"/> into a freshly parsed file; null when none apply to it.</summary>
    /// <exception cref="CampaignFileException">An override's path does not lead anywhere in this file (no such experiment, a value where keys are needed).</exception>
    public FixtureOverrideOrigins? ApplyTo(FixtureKind kind, YamlMappingNode root)
    {
        FixtureOverrideOrigins? origins = null;
        foreach (var (fixtureOverride, path) in entries.Where(entry => entry.Path.Kind == kind))
        {
            origins ??= new FixtureOverrideOrigins();
            var steps = path.ExperimentReference is { } reference ? ExperimentSteps(fixtureOverride, root, reference) : path.Steps;
            Apply(fixtureOverride, root, steps, origins);
        }

        return origins;
    }

    private static void Apply(FixtureOverride fixtureOverride, YamlMappingNode root, IReadOnlyList<FixturePathStep> steps, FixtureOverrideOrigins origins)
    {
        var resolvedPath = string.Join('.', steps);
        var current = root;
        var walked = "";
        for (var index = 0; index < steps.Count; index++)
        {
            var step = steps[index];
            var keyPath = walked.Length == 0 ? step.Key : $"{walked}.{step.Key}";
            var last = index == steps.Count - 1;
            if (last && step.Index is null)
            {
                // The key node is replaced too: a problem the loader reports at the key is then the override's.
                Remove(current, step.Key);
                var value = new YamlScalarNode(fixtureOverride.Value) { Style = YamlDotNet.Core.ScalarStyle.Plain };
                Add(current, step.Key, value, fixtureOverride, resolvedPath, origins);
                return;
            }

            YamlNode child;
            if (Find(current, step.Key) is { } existing)
            {
                child = existing;
            }
            else if (step.Index is null)
            {
                // A section the file leaves out (pstn:, firmwareBugs:, trigger:) is started by the override.
                child = new YamlMappingNode();
                Add(current, step.Key, child, fixtureOverride, resolvedPath, origins);
            }
            else
            {
                throw CampaignFileException.ForOverride(fixtureOverride.Path, "", $"there is no list '{keyPath}' to index");
            }

            if (step.Index is { } position)
            {
                if (child is not YamlSequenceNode list)
                {
                    throw CampaignFileException.ForOverride(fixtureOverride.Path, "", $"'{keyPath}' holds {YamlMappingReader.Describe(child)}, not a list");
                }

                if (position >= list.Children.Count)
                {
                    throw CampaignFileException.ForOverride(fixtureOverride.Path, "",
                        $"'{keyPath}' has {list.Children.Count} entries (index 0 to {list.Children.Count - 1}), so [{position}] is none of them");
                }

                keyPath += $"[{position}]";
                if (last)
                {
                    throw CampaignFileException.ForOverride(fixtureOverride.Path, "", $"name a key of the entry, e.g. {keyPath}.name");
                }

                child = list.Children[position];
            }

            current = child as YamlMappingNode
                ?? throw CampaignFileException.ForOverride(fixtureOverride.Path, "",
                    $"'{keyPath}' holds {YamlMappingReader.Describe(child)}, not keys, so '{steps[index + 1]}' cannot be set inside it");
            walked = keyPath;
        }
    }

    /// <summary><c>experiments.NAME.REST</c> → <c>experiments[i]</c> then REST's steps; the longest matching name wins (names may contain dots).</summary>
    private static List<FixturePathStep> ExperimentSteps(FixtureOverride fixtureOverride, YamlMappingNode root, string reference)
    {
        if (Find(root, ExperimentsKey) is not YamlSequenceNode experiments)
        {
            throw CampaignFileException.ForOverride(fixtureOverride.Path, "", "the campaign has no experiments list");
        }

        var names = experiments.Children
            .Select((item, index) => (Name: item is YamlMappingNode mapping && Find(mapping, "name") is YamlScalarNode { Value: { } name } ? name : null, Index: index))
            .Where(entry => entry.Name is not null)
            .Select(entry => (Name: entry.Name!, entry.Index))
            .ToList();
        var match = names
            .Where(entry => reference.StartsWith(entry.Name + ".", StringComparison.Ordinal))
            .OrderByDescending(entry => entry.Name.Length)
            .FirstOrDefault();
        if (match.Name is null)
        {
            if (names.Any(entry => entry.Name == reference))
            {
                throw CampaignFileException.ForOverride(fixtureOverride.Path, "", $"name a key of the experiment, e.g. {ExperimentsKey}.{reference}.from");
            }

            var guess = reference.Split('.')[0];
            var hint = KeySuggestion.Closest(guess, names.Select(entry => entry.Name));
            var suggestion = hint is null ? "" : $" (did you mean '{hint}'?)";
            throw CampaignFileException.ForOverride(fixtureOverride.Path, "",
                $"no experiment named '{guess}'{suggestion}; experiments: {string.Join(", ", names.Select(entry => entry.Name))}");
        }

        return [new FixturePathStep(ExperimentsKey, match.Index), .. FixturePath.ParseSteps(fixtureOverride, reference[(match.Name.Length + 1)..])];
    }

    private static YamlNode? Find(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(pair => pair.Key is YamlScalarNode { Value: { } name } && name == key).Value;

    private static void Remove(YamlMappingNode mapping, string key)
    {
        foreach (var keyNode in mapping.Children.Keys.Where(node => node is YamlScalarNode { Value: { } name } && name == key).ToList())
        {
            mapping.Children.Remove(keyNode);
        }
    }

    private static void Add(YamlMappingNode mapping, string key, YamlNode value, FixtureOverride fixtureOverride, string resolvedPath, FixtureOverrideOrigins origins)
    {
        var keyNode = new YamlScalarNode(key);
        mapping.Children.Add(keyNode, value);
        origins.Add(keyNode, fixtureOverride, resolvedPath);
        origins.Add(value, fixtureOverride, resolvedPath);
    }
}
