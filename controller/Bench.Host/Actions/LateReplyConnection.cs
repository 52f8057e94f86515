namespace Bench.Host;

/// <summary>Where a late reply goes.</summary>
public enum LateReplyConnection
{
    /// <summary>On the connection that carried the request (lost if that connection has closed).</summary>
    Same,

    /// <summary>On the terminal's next connection: held until the terminal sends a request over another connection.</summary>
    Next,
}
