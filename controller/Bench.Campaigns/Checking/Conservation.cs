namespace Bench.Campaigns.Checking;

/// <summary>
/// The run's money in one line: what the host's ledger holds net against what the terminals' approved receipts
/// say was taken (an approval a terminal took in and kept before its power went counts as one). They agree unless some class other than clean and compensated is present.
/// </summary>
public sealed record Conservation(long HostNetDebitsMinorUnits, long ApprovedReceiptsMinorUnits)
{
    public long DifferenceMinorUnits => HostNetDebitsMinorUnits - ApprovedReceiptsMinorUnits;

    public bool Balanced => DifferenceMinorUnits == 0;
}
