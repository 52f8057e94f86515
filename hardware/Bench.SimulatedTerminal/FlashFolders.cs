using System.Text.Json;

namespace Bench.SimulatedTerminal;

/// <summary>
/// What a run does with the simulated terminals' flash an earlier run left behind (one folder per
/// terminal under a root): list the pending reversals in it, so they are reported as that run's,
/// then erase it, so the new run's terminals start from clean flash and never send them.
/// </summary>
public static class FlashFolders
{
    /// <summary>Pending reversals in every terminal folder under <paramref name="root"/>; an unreadable record is listed with what could be read.</summary>
    public static IReadOnlyList<LeftPendingReversal> PendingReversals(string root)
    {
        if (!Directory.Exists(root)) return [];
        var found = new List<LeftPendingReversal>();
        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, ReversalStore.FlashName + ".json");
            if (!File.Exists(file)) continue;
            var terminal = Path.GetFileName(folder);
            ReversalRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<ReversalRecord>(File.ReadAllText(file));
            }
            catch (JsonException)
            {
                record = null;
            }
            found.Add(record is null
                ? new LeftPendingReversal(terminal, "unreadable", "-", 0, File.GetLastWriteTimeUtc(file))
                : new LeftPendingReversal(terminal, record.Stan, record.Reason, record.AmountMinorUnits, record.CreatedAt));
        }
        return found;
    }

    /// <summary>Deletes every terminal folder under <paramref name="root"/>; the root itself stays.</summary>
    public static void Erase(string root)
    {
        if (!Directory.Exists(root)) return;
        foreach (var folder in Directory.EnumerateDirectories(root)) Directory.Delete(folder, recursive: true);
        foreach (var file in Directory.EnumerateFiles(root)) File.Delete(file);
    }
}
