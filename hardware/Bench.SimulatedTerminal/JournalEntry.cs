namespace Bench.SimulatedTerminal;

/// <summary>An approved sale as the terminal stores it for settlement.</summary>
public sealed record JournalEntry(string Stan, string Batch, long AmountMinorUnits, string? RetrievalReferenceNumber, string? AuthorizationCode, DateTimeOffset StoredAt);
