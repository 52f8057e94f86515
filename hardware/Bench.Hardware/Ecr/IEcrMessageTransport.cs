namespace Bench.Hardware.Ecr;

/// <summary>How a scripted dialect's messages travel on the port: one reader, any number of senders.</summary>
internal interface IEcrMessageTransport
{
    /// <summary>The next message from the terminal, stamped when its last byte arrived; null at end of stream.</summary>
    ValueTask<TimestampedLine?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends one message; returns once the terminal has it (framed: acknowledged).</summary>
    Task SendAsync(string text, CancellationToken cancellationToken);
}
