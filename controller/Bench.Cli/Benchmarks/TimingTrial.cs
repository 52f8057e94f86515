using Bench.Campaigns.Running;
using Bench.Campaigns.Search;

namespace Bench.Cli.Benchmarks;

/// <summary>
/// One timing benchmark trial: the delay the host was told to hold its reply, what the bench measured
/// (the trial executor's result) and what the terminal's own clock says. Every error is signed
/// (bench minus reference) and in terminal seconds; null where either side has no measurement.
/// </summary>
/// <param name="HostDelaySeconds">The injected host response delay, terminal seconds.</param>
/// <param name="Bench">The trial as <see cref="StationTrialExecutor"/> measured it.</param>
/// <param name="Terminal">The same sale on the terminal's console.</param>
/// <param name="HostReceivedRequest">
/// Whether the host saw the sale's 0200: only then does the executor time the result from the
/// request (otherwise from the ECR command), and only then is it comparable with the terminal's TX line.
/// </param>
public sealed record TimingTrial(double HostDelaySeconds, TrialResult Bench, TerminalTimeline Terminal, bool HostReceivedRequest)
{
    /// <summary>Bench request-to-reply (host timestamps) minus the terminal's TX 0200 → RX 0210.</summary>
    public double? RequestToReplyErrorSeconds =>
        Bench.HostRequestToReplySeconds is { } bench && Terminal.RequestToReplySeconds is { } terminal ? bench - terminal : null;

    /// <summary>Bench request-to-result (host 0200 → ECR RESULT line) minus the terminal's TX 0200 → RESULT.</summary>
    public double? RequestToResultErrorSeconds =>
        HostReceivedRequest && Bench.Outcome.IsDataPoint() && Terminal.RequestToResultSeconds is { } terminal
            ? Bench.TimeToResultSeconds - terminal
            : null;

    /// <summary>Bench request-to-reply minus the configured delay: how exactly the injection holds the reply.</summary>
    public double? InjectionErrorSeconds => Bench.HostRequestToReplySeconds is { } bench ? bench - HostDelaySeconds : null;
}
