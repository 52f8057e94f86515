namespace Bench.SimulatedTerminal.Ecr;

/// <summary>A message a scripted ECR dialect recognises, and so one the simulated terminal prints in it (a template each).</summary>
public enum ScriptedEcrMessage
{
    CardPrompt,
    Approved,
    Declined,
    Timeout,
    NoCard,
    Other,
    Ready,
    Connected,
    Stan,
}
