namespace Bench.Campaigns.Checking;

/// <summary>Why the bench made a sale.</summary>
public enum TransactionRole
{
    /// <summary>The sale a trial measured.</summary>
    Trial,

    /// <summary>A clean sale before a trial that sends the reversal an earlier trial left pending.</summary>
    FlushSale,

    /// <summary>The idle sale of the final settle at the end of the run.</summary>
    FinalSettle,

    /// <summary>A sale the bench cannot place (outside every trial and the final settle).</summary>
    Other,
}
