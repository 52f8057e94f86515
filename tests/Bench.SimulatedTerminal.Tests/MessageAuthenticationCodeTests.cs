using System.Text;
using Bench.Codec;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>
/// Guards the codec's MAC fix made on this branch (the terminal cannot sign without it): a key is
/// accepted, and the result matches a MAC computed independently with plain single DES.
/// </summary>
public sealed class MessageAuthenticationCodeTests
{
    [Test]
    public void Mac_matches_an_independent_single_DES_computation()
    {
        using var mac = new MessageAuthenticationCode(TerminalRig.MacKey());

        var result = mac.Compute(Enumerable.Range(1, 29).Select(i => (byte)i).ToArray());

        Assert.That(Encoding.ASCII.GetString(result), Is.EqualTo("5148336F"));
    }
}
