namespace Bench.Fixtures;

/// <summary>
/// One <c>--set PATH=VALUE</c> of <c>bench run</c>: a campaign, profile, rig or card key given a value for
/// one run. <see cref="Value"/> is read as a plain YAML scalar, exactly as if it were written in the file.
/// </summary>
/// <param name="Path">
/// <c>terminal.KEY...</c> (every terminal profile the campaign loads), <c>rig.KEY...</c>, <c>card.KEY</c>,
/// <c>experiments.NAME.KEY...</c> or <c>experiments[INDEX].KEY...</c> (one experiment), or a campaign key.
/// </param>
public sealed record FixtureOverride(string Path, string Value)
{
    /// <summary>The option's own form, <c>PATH=VALUE</c>.</summary>
    public override string ToString() => $"{Path}={Value}";

    /// <summary>Reads <c>PATH=VALUE</c>; the value may be empty or contain '='; the path's form is checked here, its keys when applied.</summary>
    /// <exception cref="CampaignFileException">Not of the form PATH=VALUE, or a malformed path.</exception>
    public static FixtureOverride Parse(string text)
    {
        var separator = text.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw CampaignFileException.ForOverride(text, "", "must be PATH=VALUE, e.g. terminal.firmwareBugs.macCheckIgnored=true");
        }

        var parsed = new FixtureOverride(text[..separator].Trim(), text[(separator + 1)..]);
        FixturePath.Parse(parsed);
        return parsed;
    }
}
