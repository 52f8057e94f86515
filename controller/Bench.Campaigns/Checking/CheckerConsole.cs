using System.Globalization;
using System.Text;

namespace Bench.Campaigns.Checking;

/// <summary>The checker's finding in a few console lines: the class counts, the conservation check, the first violations.</summary>
public static class CheckerConsole
{
    /// <summary>Violations shown on the console; the rest are in checker.json.</summary>
    public const int ViolationsShown = 10;

    public static string Format(CheckerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var counts = report.Classes.Select(tally => $"{tally.Count} {MoneyChecker.ClassName(tally.Class)}");
        text.Append(CultureInfo.InvariantCulture, $"Checker: {report.Transactions.Count} transaction(s): {string.Join(", ", counts.DefaultIfEmpty("none"))}").AppendLine();
        var conservation = report.Conservation;
        text.Append(CultureInfo.InvariantCulture,
            $"Conservation: host net debits {conservation.HostNetDebitsMinorUnits} {(conservation.Balanced ? "=" : "≠")} approved receipts {conservation.ApprovedReceiptsMinorUnits}")
            .Append(conservation.Balanced ? " (balanced)" : $" (difference {conservation.DifferenceMinorUnits})").AppendLine();
        foreach (var violation in report.Violations.Take(ViolationsShown))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"  {(violation.Fatal ? "FAIL" : "warn")} {violation.Class} {violation.LedgerKey} ({violation.Trial?.ToString() ?? "final settle"}): {violation.WhatHappened}").AppendLine();
        }
        if (report.Violations.Count > ViolationsShown)
            text.Append(CultureInfo.InvariantCulture, $"  … {report.Violations.Count - ViolationsShown} more in {CheckerJsonWriter.FileName}").AppendLine();
        return text.ToString();
    }
}
