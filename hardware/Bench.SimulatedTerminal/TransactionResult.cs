using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal;

/// <summary>How the terminal ended one sale, as it showed it (the same outcome its ECR port printed).</summary>
/// <param name="Stan">The 0200's STAN; null when no request was built.</param>
public sealed record TransactionResult(long AmountMinorUnits, EcrSaleOutcome Outcome, string? Stan, DateTimeOffset StartedAt, DateTimeOffset EndedAt)
{
    public string? ResponseCode { get; init; }
    public string? RetrievalReferenceNumber { get; init; }
    public string? AuthorizationCode { get; init; }
}
