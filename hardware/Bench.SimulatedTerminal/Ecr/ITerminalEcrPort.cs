namespace Bench.SimulatedTerminal.Ecr;

/// <summary>
/// The terminal's end of its ECR port, in whatever the port speaks: the firmware reads commands and prints lines in
/// the bench protocol (hardware/Bench.Hardware/Ecr/README.md) and the port translates both ways, so a dialect never
/// reaches the firmware's logic. One reader, any number of writers. Lives as long as the terminal object, power or not.
/// </summary>
internal interface ITerminalEcrPort : IAsyncDisposable
{
    /// <summary>The next message from the controller; null at end of stream. Throws what the port throws.</summary>
    ValueTask<ReceivedEcrCommand?> ReadCommandAsync(CancellationToken cancellationToken);

    /// <summary>Prints a bench-protocol line in the port's language; returns the text that went out, or null when the port's language does not say it.</summary>
    Task<string?> WriteAsync(string line, CancellationToken cancellationToken);
}
