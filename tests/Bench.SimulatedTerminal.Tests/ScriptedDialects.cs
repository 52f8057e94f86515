using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>The worked examples' dialects (fixtures/terminals/examples/scripted-*-terminal.yaml) with what the simulated terminal prints in them.</summary>
internal static class ScriptedDialects
{
    public static ScriptedEcrDialect Line => new()
    {
        Framing = EcrFraming.Line,
        SaleCommand = "PAY {amount:D12}",
        CardPrompt = "^INSERT OR SWIPE CARD$",
        Approved = @"^APPROVED AUTH:(?<approvalCode>\w+) RRN:(?<rrn>\w+)$",
        Declined = @"^DECLINED RC:(?<responseCode>\w\w)$",
        Timeout = "^HOST TIMEOUT$",
        NoCard = "^CARD TIMEOUT$",
        Other = "^(CANCELLED|COMMS ERROR)$",
        Ready = "^IDLE$",
        SimulatedTerminal = new ScriptedEcrTerminalTemplates
        {
            CardPrompt = "INSERT OR SWIPE CARD",
            Approved = "APPROVED AUTH:{approvalCode} RRN:{rrn}",
            Declined = "DECLINED RC:{responseCode}",
            Timeout = "HOST TIMEOUT",
            NoCard = "CARD TIMEOUT",
            Other = "COMMS ERROR",
            Ready = "IDLE",
        },
    };

    public static ScriptedEcrDialect Framed => new()
    {
        Framing = EcrFraming.StxEtxLrc,
        SaleCommand = "S|{amount}",
        CardPrompt = @"^P\|CARD$",
        Approved = @"^R\|00\|(?<approvalCode>\w{6})\|(?<rrn>\w{12})$",
        Declined = @"^R\|(?<responseCode>(?!00|TO)\w\w)\|",
        Timeout = @"^R\|TO\|",
        Stan = @"^T\|(?<stan>\d{6})$",
        AcknowledgeTimeout = TimeSpan.FromSeconds(2),
        SendAttempts = 3,
        BootTime = TimeSpan.FromSeconds(20),
        SimulatedTerminal = new ScriptedEcrTerminalTemplates
        {
            CardPrompt = "P|CARD",
            Approved = "R|00|{approvalCode}|{rrn}",
            Declined = "R|{responseCode}|",
            Timeout = "R|TO|",
            Stan = "T|{stan:D6}",
        },
    };
}
