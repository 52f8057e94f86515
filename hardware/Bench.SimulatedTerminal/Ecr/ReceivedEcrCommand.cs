using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Ecr;

/// <summary>A message the controller sent the terminal: its text as received, and the command it is or why it is none.</summary>
internal sealed record ReceivedEcrCommand(string Text, EcrCommand? Command, string Error)
{
    /// <summary>The bench-protocol command in <paramref name="commandLine"/>, or the reason it is none, for a message received as <paramref name="text"/>.</summary>
    public static ReceivedEcrCommand Parse(string text, string commandLine) =>
        EcrCommand.TryParse(commandLine, out var command, out var error) ? new(text, command, "") : new(text, null, error);
}
