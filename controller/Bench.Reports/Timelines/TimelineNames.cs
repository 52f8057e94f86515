using System.Text;

namespace Bench.Reports.Timelines;

/// <summary>Predictable names for trial timelines: <c>timelines/EXPERIMENT-trial-N.png</c> and the report anchor <c>trial-EXPERIMENT-N</c>.</summary>
public static class TimelineNames
{
    public const string Folder = "timelines";

    public static string BaseName(string experiment, int trialIndex) =>
        $"{Safe(experiment)}-trial-{trialIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string Anchor(string experiment, int trialIndex) =>
        $"trial-{Safe(experiment)}-{trialIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The report's anchor for an experiment's section.</summary>
    public static string ExperimentAnchor(string experiment) => "experiment-" + Safe(experiment);

    /// <summary>Experiment names are file names already; anything else is replaced so no name can leave the folder.</summary>
    private static string Safe(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var character in name) builder.Append(char.IsAsciiLetterOrDigit(character) || character is '-' or '_' or '.' ? character : '_');
        return builder.Length == 0 || builder.ToString().Trim('.').Length == 0 ? "experiment" : builder.ToString();
    }
}
