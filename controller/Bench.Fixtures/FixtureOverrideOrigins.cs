using YamlDotNet.RepresentationModel;

namespace Bench.Fixtures;

/// <summary>
/// The nodes of one loaded fixture file that a <c>--set</c> put there, each with its override. A problem found
/// at such a node is the override's, so it is reported as <c>--set PATH: problem</c> rather than at a line of
/// the file that does not hold it.
/// </summary>
public sealed class FixtureOverrideOrigins
{
    // By identity: YamlNode's own equality compares content, and two overrides may write equal values.
    private readonly Dictionary<YamlNode, (FixtureOverride Override, string KeyPath)> origins = new(ReferenceEqualityComparer.Instance);

    /// <param name="keyPath">The node's key path in the file, e.g. <c>experiments[2].from</c>.</param>
    public void Add(YamlNode node, FixtureOverride fixtureOverride, string keyPath) => origins[node] = (fixtureOverride, keyPath);

    /// <summary>The error for a problem at <paramref name="node"/> when an override put it there; null when the file did.</summary>
    public CampaignFileException? ErrorFor(YamlNode node, string keyPath, string problem)
    {
        if (!origins.TryGetValue(node, out var origin))
        {
            return null;
        }

        // The key path is said only when it adds something to the override's own path.
        return CampaignFileException.ForOverride(origin.Override.Path, keyPath == origin.KeyPath ? "" : keyPath, problem);
    }
}
