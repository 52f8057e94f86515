namespace Bench.Campaigns.Checking;

/// <summary>
/// A class's transactions: how many, the first and last (by when the sale began) and the worst (most money at
/// stake, then the longest time the money was held before it came back or the run ended).
/// </summary>
public sealed record ClassTally(TransactionClass Class, int Count, ClassOccurrence First, ClassOccurrence Worst, ClassOccurrence Last);
