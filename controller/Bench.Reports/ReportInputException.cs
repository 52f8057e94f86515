namespace Bench.Reports;

/// <summary>What a report or comparison was asked to read is missing or unusable: no store, no such run, not a summary.</summary>
public sealed class ReportInputException(string message) : Exception(message);
