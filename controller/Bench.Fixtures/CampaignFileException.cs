namespace Bench.Fixtures;

/// <summary>
/// A fixture file (campaign, rig, terminal profile, test card, host rule set) that cannot be used. The message points
/// at the exact place, compiler style, so an editor or CI log can jump to it:
/// <c>fixtures/campaigns/x.yaml:12:5: experiments[0].resolution: must be &gt; 0 (got -1)</c>.
/// </summary>
public class CampaignFileException : Exception
{
    public CampaignFileException(string file, int line, int column, string keyPath, string problem, Exception? innerException = null)
        : base(Format(file, line, column, keyPath, problem), innerException)
    {
        File = file;
        Line = line;
        Column = column;
        KeyPath = keyPath;
        Problem = problem;
    }

    private CampaignFileException(string overridePath, string keyPath, string problem)
        : base(keyPath.Length == 0 ? $"{OverrideOption} {overridePath}: {problem}" : $"{OverrideOption} {overridePath}: {keyPath}: {problem}")
    {
        File = OverrideOption;
        KeyPath = keyPath.Length == 0 ? overridePath : keyPath;
        Problem = problem;
        OverridePath = overridePath;
    }

    /// <summary>The <c>bench run</c> option a problem of an override is reported under, in place of a file.</summary>
    public const string OverrideOption = "--set";

    /// <summary>
    /// A problem with a <c>--set PATH=VALUE</c> override rather than with a file:
    /// <c>--set terminal.firmwareBugs.macChekIgnored: unknown key (did you mean 'macCheckIgnored'?)</c>.
    /// </summary>
    /// <param name="keyPath">Where in the file the problem is, when that is not the override's own path; else empty.</param>
    public static CampaignFileException ForOverride(string overridePath, string keyPath, string problem) => new(overridePath, keyPath, problem);

    /// <summary>The override's path when the problem is a <c>--set</c>'s (then <see cref="File"/> is <c>--set</c>, line and column 0); else null.</summary>
    public string? OverridePath { get; }

    /// <summary>The fixture file, as the loader was given it or as resolved from a reference.</summary>
    public string File { get; }

    /// <summary>1-based line of the offending key (or of the enclosing mapping when a key is missing).</summary>
    public int Line { get; }

    /// <summary>1-based column, same anchor as <see cref="Line"/>.</summary>
    public int Column { get; }

    /// <summary>Where in the document, e.g. <c>experiments[0].resolution</c>; empty for the whole file.</summary>
    public string KeyPath { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Problem { get; }

    private static string Format(string file, int line, int column, string keyPath, string problem) =>
        keyPath.Length == 0
            ? $"{file}:{line}:{column}: {problem}"
            : $"{file}:{line}:{column}: {keyPath}: {problem}";
}
