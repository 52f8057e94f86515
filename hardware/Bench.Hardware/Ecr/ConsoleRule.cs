namespace Bench.Hardware.Ecr;

/// <summary>
/// A terminal profile's rule for its debug console (the second serial port beside the ECR one): a console line
/// matching <see cref="Pattern"/> (compiled with <see cref="ScriptedEcrDialect.Compile"/>) is the trial event
/// <see cref="Event"/> (e.g. <c>modemConnected</c>), which injection triggers can wait for.
/// </summary>
public sealed record ConsoleRule(string Pattern, string Event);
