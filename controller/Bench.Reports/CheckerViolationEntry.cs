using System.Text.Json;

namespace Bench.Reports;

/// <summary>One violation the checker found, with the trial it happened in (null: the final settle).</summary>
public sealed record CheckerViolationEntry(string Class, string LedgerKey, string WhatHappened, bool Fatal, string? TrialExperiment, int? TrialIndex)
{
    public static CheckerViolationEntry Read(JsonElement element)
    {
        var trial = JsonValues.Property(element, "trial");
        var index = trial is { } reference ? JsonValues.Number(reference, "index") : null;
        return new CheckerViolationEntry(
            JsonValues.Text(element, "class") ?? "unknown",
            JsonValues.Text(element, "ledgerKey") ?? "",
            JsonValues.Text(element, "whatHappened") ?? "",
            JsonValues.Flag(element, "fatal"),
            trial is { } named ? JsonValues.Text(named, "experiment") : null,
            index is { } number ? (int)number : null);
    }
}
