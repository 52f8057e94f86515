using Bench.Hardware.Ecr;

namespace Bench.Hardware.Tests.Ecr;

/// <summary>The two worked examples of the Ecr README, as the tests speak them.</summary>
internal static class ScriptedEcrDialects
{
    public static ScriptedEcrDialect Line => new()
    {
        Framing = EcrFraming.Line,
        SaleCommand = "PAY {amount:D12}",
        CardPrompt = "^INSERT OR SWIPE CARD$",
        Approved = @"^APPROVED AUTH:(?<approvalCode>\w+) RRN:(?<rrn>\d{12})$",
        Declined = @"^DECLINED RC:(?<responseCode>\w\w)$",
        Timeout = "^HOST TIMEOUT$",
        Other = "^(CANCELLED|COMMS ERROR)$",
        Ready = "^IDLE$",
        Stan = @"^TRACE (?<stan>\d{6})$",
    };

    public static ScriptedEcrDialect Framed => new()
    {
        Framing = EcrFraming.StxEtxLrc,
        SaleCommand = "S|{amount}",
        CardPrompt = @"^P\|CARD$",
        Approved = @"^R\|00\|(?<approvalCode>\w{6})$",
        Declined = @"^R\|(?<responseCode>(?!00)\w\w)\|$",
        Timeout = @"^R\|TO\|$",
        AcknowledgeTimeout = TimeSpan.FromSeconds(2),
        SendAttempts = 3,
    };
}
