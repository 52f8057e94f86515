namespace Bench.Campaigns.Checking;

/// <summary>
/// A sale the bench started on a terminal, whether or not a request left it (one that failed on its pending
/// reversal never did): the unit reversal attempts are counted in.
/// </summary>
public sealed record SaleStart(string TerminalId, long InvokedNanoseconds);
