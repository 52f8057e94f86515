namespace Bench.Results;

/// <summary>Names of the JSON documents a run keeps in the store (<see cref="ResultsStore.SaveDocument"/>), named after the files they become.</summary>
public static class RunDocumentNames
{
    /// <summary>The run's summary: what summary.json holds.</summary>
    public const string Summary = "summary.json";

    /// <summary>The lost-money checker's full report: what checker.json holds.</summary>
    public const string Checker = "checker.json";
}
