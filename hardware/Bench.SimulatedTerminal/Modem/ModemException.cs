namespace Bench.SimulatedTerminal.Modem;

/// <summary>A modem could not open a data session; <see cref="Result"/> is its final word.</summary>
/// <param name="result">The result the modem reported: <c>NO DIALTONE</c>, <c>BUSY</c>, <c>NO ANSWER</c>, <c>NO CARRIER</c>, <c>NO SERVICE</c>, <c>TIMEOUT</c>, <c>CONNECT FAILED</c>.</param>
public sealed class ModemException(string result, string message) : IOException(message)
{
    public string Result { get; } = result;
}
