namespace Bench.Fixtures;

/// <summary>
/// Where a <see cref="FixtureOverride"/> points: the kind of file, and the steps from that file's root.
/// A step is a key, or a list index written <c>key[INDEX]</c>. Experiments may also be named,
/// <c>experiments.NAME.KEY</c>; the name can contain dots, so it is matched against the campaign when applied.
/// </summary>
public sealed record FixturePath(FixtureKind Kind, IReadOnlyList<FixturePathStep> Steps, string? ExperimentReference)
{
    private const string ExperimentsKey = "experiments";

    /// <exception cref="CampaignFileException">A path with an empty step or a malformed index.</exception>
    public static FixturePath Parse(FixtureOverride fixtureOverride)
    {
        var path = fixtureOverride.Path;
        foreach (var (prefix, kind) in new[] { ("terminal.", FixtureKind.Terminal), ("rig.", FixtureKind.Rig), ("card.", FixtureKind.Card) })
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return new FixturePath(kind, ParseSteps(fixtureOverride, path[prefix.Length..]), null);
            }
        }

        // experiments.NAME.KEY: the name is resolved against the campaign's experiments when applied.
        if (path.StartsWith(ExperimentsKey + ".", StringComparison.Ordinal))
        {
            var reference = path[(ExperimentsKey.Length + 1)..];
            if (reference.Length == 0 || reference.Split('.').Any(part => part.Length == 0))
            {
                throw CampaignFileException.ForOverride(path, "", "must be experiments.NAME.KEY or experiments[INDEX].KEY");
            }

            return new FixturePath(FixtureKind.Campaign, [new FixturePathStep(ExperimentsKey, null)], reference);
        }

        return new FixturePath(FixtureKind.Campaign, ParseSteps(fixtureOverride, path), null);
    }

    /// <summary>The steps of <paramref name="path"/> (a part of the override's path).</summary>
    public static List<FixturePathStep> ParseSteps(FixtureOverride fixtureOverride, string path)
    {
        var steps = new List<FixturePathStep>();
        foreach (var part in path.Split('.'))
        {
            var open = part.IndexOf('[', StringComparison.Ordinal);
            var key = open < 0 ? part : part[..open];
            int? index = null;
            if (open >= 0)
            {
                var digits = part[(open + 1)..];
                if (!digits.EndsWith(']') || !int.TryParse(digits[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                {
                    throw CampaignFileException.ForOverride(fixtureOverride.Path, "", $"'{part}': a list index is written KEY[INDEX], INDEX a whole number from 0");
                }

                index = parsed;
            }

            if (key.Length == 0)
            {
                throw CampaignFileException.ForOverride(fixtureOverride.Path, "", "every step of the path needs a key (KEY.KEY or KEY[INDEX].KEY)");
            }

            steps.Add(new FixturePathStep(key, index));
        }

        return steps;
    }
}
