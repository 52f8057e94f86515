namespace Bench.Hardware.Ecr;

/// <summary>The terminal broke the ECR protocol where the client needed a well-formed line, or the port closed or failed.</summary>
public sealed class EcrProtocolException(string message, EcrLine? line = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The offending line, when there is one.</summary>
    public EcrLine? Line { get; } = line;
}
