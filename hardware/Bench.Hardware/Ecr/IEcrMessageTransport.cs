namespace Bench.Hardware.Ecr;

/// <summary>
/// How a scripted dialect's messages travel on the port: one reader, any number of senders. Both framings work the
/// same at either end, so the simulated terminal uses them too.
/// </summary>
public interface IEcrMessageTransport
{
    /// <summary>The next message from the other end, stamped when its last byte arrived; null at end of stream.</summary>
    ValueTask<TimestampedLine?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends one message; returns once the other end has it (framed: acknowledged).</summary>
    Task SendAsync(string text, CancellationToken cancellationToken);
}
