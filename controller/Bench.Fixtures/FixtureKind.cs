namespace Bench.Fixtures;

/// <summary>The kinds of fixture file a campaign loads, each the target of its own <c>--set</c> paths.</summary>
public enum FixtureKind
{
    /// <summary>The campaign file: its own keys and its experiments.</summary>
    Campaign,

    /// <summary>A terminal profile: <c>terminal.KEY</c> applies to every one the campaign loads.</summary>
    Terminal,

    /// <summary>The rig definition: <c>rig.KEY</c>.</summary>
    Rig,

    /// <summary>The test card: <c>card.KEY</c>.</summary>
    Card,
}
