using Bench.Hardware;
using Bench.Results;

namespace Bench.Campaigns.Stations;

/// <summary>
/// Steps a person does for the rig where it cannot actuate or sense something (a rig without a swipe solenoid):
/// prints the instruction, waits for Enter, and puts the wait on the timeline as an <c>operator-step</c> span
/// (start and end). In an unattended run (<c>--unattended</c>, or input that is not a terminal) nobody is there:
/// a step is then a rig fault, so the trial is no data point and says why.
/// </summary>
public sealed class OperatorConsole(TextReader input, TextWriter output, TimeProvider time, bool attended)
{
    /// <summary>Nobody at the rig: every step is a rig fault.</summary>
    public static readonly OperatorConsole Unattended = new(TextReader.Null, TextWriter.Null, TimeProvider.System, attended: false);

    public bool Attended { get; } = attended;

    /// <summary>The process's console, attended unless <paramref name="unattended"/> or standard input is redirected.</summary>
    public static OperatorConsole ForProcess(bool unattended) =>
        new(Console.In, Console.Out, TimeProvider.System, attended: !unattended && !Console.IsInputRedirected);

    /// <summary>Asks for the step and waits for Enter; returns the wait's span on the monotonic timeline.</summary>
    /// <exception cref="RigFaultException">The run is unattended, or the console closed before the operator confirmed.</exception>
    public async Task<OperatorStep> PerformAsync(string instruction, StationTimeline timeline, CancellationToken cancellationToken)
    {
        if (!Attended)
            throw new RigFaultException($"operator step needed in an unattended run: '{instruction}' (the rig cannot do it; run attended, without --unattended, at a terminal)");
        // Placed on the bench's monotonic timeline at its start; its length is the injected clock's.
        var started = MonotonicTime.NowNanoseconds();
        var startTimestamp = time.GetTimestamp();
        timeline.Record(started, "operator", StationEventKinds.OperatorStepStarted, instruction);
        await output.WriteLineAsync($">>> {instruction}".AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
        var answer = await input.ReadLineAsync(cancellationToken);
        var ended = started + (long)time.GetElapsedTime(startTimestamp).TotalNanoseconds;
        if (answer is null)
            throw new RigFaultException($"the console closed before the operator confirmed '{instruction}'");
        var step = new OperatorStep(instruction, started, ended);
        timeline.Record(ended, "operator", StationEventKinds.OperatorStepEnded, $"{instruction} (waited {step.Waited.TotalSeconds:0.0} s)");
        return step;
    }
}
