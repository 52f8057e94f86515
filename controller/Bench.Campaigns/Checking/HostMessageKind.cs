namespace Bench.Campaigns.Checking;

/// <summary>The frames the checker reads: a sale and its reply, a reversal and its reply.</summary>
public enum HostMessageKind
{
    /// <summary>0200 the host received.</summary>
    SaleRequest,

    /// <summary>0210 the host sent.</summary>
    SaleReply,

    /// <summary>0400 the host received.</summary>
    ReversalRequest,

    /// <summary>0410 the host sent.</summary>
    ReversalReply,
}
