namespace Bench.Hardware.Ecr;

/// <summary>The outcome word of a <c>RESULT</c> line.</summary>
public enum EcrSaleOutcome
{
    Approved,
    Declined,
    Timeout,
    NoCard,
    CommunicationError,
    MacError,
    Busy,
}
