namespace Bench.Hardware.Nac;

/// <summary>One result line from a modem; a <c>CONNECT</c> carries the data session it opened.</summary>
/// <param name="Text">The line without its CR/LF, e.g. <c>OK</c>, <c>RING</c>, <c>CONNECT 1200</c>.</param>
/// <param name="Data">For a CONNECT: the data-mode stream, which ends when the carrier is lost.</param>
public sealed record ModemResult(string Text, ModemDataStream? Data = null)
{
    public bool IsFinal => HayesResults.IsFinal(Text);

    public bool IsConnect => HayesResults.IsConnect(Text);

    public override string ToString() => Text;
}
