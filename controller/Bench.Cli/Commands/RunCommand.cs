using System.CommandLine;
using System.Text.Json;
using Bench.Campaigns.Expectations;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Campaigns.Stations;
using Bench.Cli.Display;
using Bench.Hardware;
using Bench.Host;
using Bench.Plots;
using Bench.Results;
using Bench.SimulatedTerminal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Bench.Cli.Commands;

/// <summary>
/// <c>bench run CAMPAIGN [--out DIR | --resume DIR] [--raw-frames] [--set PATH=VALUE]... [--baseline SUMMARY]</c>: runs a campaign (or
/// takes up the interrupted run in DIR again) and writes results.db, summary.json, capture.pcap and bench.log, then every
/// report from the store (<see cref="RunReport"/>). Every error is one line on stderr with its exit code
/// (<see cref="ExitCodes"/>); an unexpected one is exit 4 with its stack trace in bench.log.
/// </summary>
public static class RunCommand
{
    private const string Name = "bench run";

    /// <summary>The simulated terminals' flash, under the output folder (see <see cref="SimulatedCampaign"/>).</summary>
    private const string FlashFolder = "flash";

    public static Command Create()
    {
        var campaignArgument = new Argument<FileInfo>("campaign") { Description = "Campaign file (fixtures/campaigns/*.yaml)" };
        var outOption = new Option<DirectoryInfo>("--out")
        {
            Description = "Output directory for results.db, summary.json, plots and bench.log (default: out/CAMPAIGN-NAME); one run at a time",
        };
        var verboseOption = new Option<bool>("--verbose") { Description = "Log every frame, ECR line and rig action" };
        var rawFramesOption = new Option<bool>("--raw-frames")
        {
            Description = "Store frame bodies byte for byte, card numbers and tracks included (default: card digits masked)",
        };
        var unattendedOption = new Option<bool>("--unattended")
        {
            Description = "Nobody at the rig: a step the rig cannot do (a swipe on a rig without a solenoid) is a rig fault instead of a prompt (also when input is not a terminal)",
        };
        var setOption = new Option<string[]>("--set")
        {
            Description = "Override a campaign, profile or rig key for this run, e.g. terminal.firmwareBugs.macCheckIgnored=true "
                + "(terminal.KEY: every terminal profile; rig.KEY; card.KEY; experiments.NAME.KEY or experiments[INDEX].KEY; KEY: the campaign's); repeatable; recorded with the run",
        };
        var resumeOption = new Option<DirectoryInfo>("--resume")
        {
            Description = "Continue the interrupted run in this output folder (killed, Ctrl-C): its finished trials are kept and not repeated; "
                + "give the same campaign file and --set overrides it was started with",
        };
        var baselineOption = new Option<FileInfo>("--baseline")
        {
            Description = "A baseline run's summary.json for the campaign's maxMoveFromBaseline expectations (instead of the campaign's baseline:)",
        };
        var pinTraceOption = new Option<FileInfo>("--pin-trace")
        {
            Description = "Simulated rig only: append every GPIO pin change to this file (time, rig, pin, output|input, high|low), a logic analyser on the simulated header",
        };
        var command = new Command("run", "Run a campaign on the rig its file names (the simulated rig by default)")
        {
            campaignArgument, outOption, verboseOption, rawFramesOption, setOption, resumeOption, baselineOption, unattendedOption, pinTraceOption,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(campaignArgument)!,
            parseResult.GetValue(outOption),
            parseResult.GetValue(verboseOption),
            parseResult.GetValue(rawFramesOption),
            parseResult.GetValue(setOption) ?? [],
            parseResult.GetValue(resumeOption),
            parseResult.GetValue(baselineOption),
            parseResult.GetValue(unattendedOption),
            parseResult.GetValue(pinTraceOption),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo campaignFile, DirectoryInfo? outDirectory, bool verbose, bool rawFrames, string[] overrides, DirectoryInfo? resumeDirectory,
        FileInfo? baseline, bool unattended, FileInfo? pinTrace, CancellationToken cancellationToken)
    {
        CampaignDefinition campaign;
        HostRuleSet hostRules;
        PlotFont font;
        try
        {
            campaign = CampaignLoader.Load(campaignFile.FullName, FixtureOverrides.Parse(overrides));
            if (baseline is not null) campaign = campaign with { Baseline = ExpectationBaselineLoader.Load(baseline.FullName) };
            ExpectationBaselineCheck.Check(campaign);
            hostRules = campaign.HostRulesFile is { } rulesFile ? HostRuleSetLoader.LoadFile(rulesFile) : HostRuleSet.ApproveAll;
            // Find a font before the first trial: a run must not end in textless plots.
            font = PlotFontRegistration.RequireFiles(FontLocator.ForThisMachine().Locate());
        }
        catch (Exception error) when (error is CampaignFileException or HostRuleSetException or FontNotFoundException)
        {
            return BadInput(error.Message);
        }
        if (pinTrace is not null && campaign.Rig.GpioDriver != GpioDriverKind.Simulated)
        {
            return BadInput($"--pin-trace: rig '{campaign.Rig.Name}' drives real pins ({campaign.Rig.GpioDriver}); a pin trace is of the simulated rig's");
        }
        if (pinTrace is not null)
        {
            try
            {
                using var appendable = new FileStream(pinTrace.FullName, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return BadInput($"--pin-trace {pinTrace.FullName}: cannot append to it ({error.Message}); name a file you can write to");
            }
        }
        if (resumeDirectory is not null && outDirectory is not null
            && Path.TrimEndingDirectorySeparator(resumeDirectory.FullName) != Path.TrimEndingDirectorySeparator(outDirectory.FullName))
        {
            return BadInput($"--out {outDirectory.FullName} and --resume {resumeDirectory.FullName}: a resumed run writes into its own folder; give --resume alone");
        }
        var output = resumeDirectory?.FullName ?? outDirectory?.FullName ?? Path.Combine(Environment.CurrentDirectory, "out", campaign.Name);
        string? resumedRunKey = null;
        if (resumeDirectory is not null)
        {
            if (ResumedRunKey(output) is not { } key) return BadInput($"--resume {output}: no results.db there; name the output folder of the run to resume");
            resumedRunKey = key;
        }
        if (File.Exists(output))
        {
            return BadInput($"--out {output}: is a file; name a folder (it is created when missing)");
        }
        try
        {
            Directory.CreateDirectory(output);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return BadInput($"--out {output}: cannot create the output folder ({error.Message}); choose a folder you can write to");
        }

        var startedAt = DateTimeOffset.UtcNow;
        // A resumed run keeps its id: its trials, frames and summary stay one run's.
        var runKey = resumedRunKey ?? RunKeys.New(startedAt);
        OutputFolderLock folderLock;
        RunLogFile log;
        try
        {
            folderLock = OutputFolderLock.Acquire(output, new OutputFolderHolder(runKey, Environment.ProcessId, startedAt, campaign.Name));
        }
        catch (OutputFolderBusyException busy)
        {
            return BadInput($"--out {busy.Message}; wait for it to end or choose another --out");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return BadInput($"--out {output}: cannot lock the output folder ({error.Message}); choose a folder you can write to");
        }
        using (folderLock)
        {
            try
            {
                log = RunLogFile.Open(output);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return BadInput($"--out {output}: cannot write {RunLogFile.FileName} ({error.Message}); choose a folder you can write to");
            }
            using (log)
            {
                var overridden = string.Concat(campaign.Overrides.Select(applied => $" --set {applied}"));
                log.Write("Bench.Cli.Run", LogLevel.Information,
                    $"run {runKey}{(resumeDirectory is null ? "" : " resumed")}: campaign {campaign.SourceFile}{overridden}");
                try
                {
                    return await RunLockedAsync(
                        campaign, hostRules, font, output, runKey, verbose, rawFrames, resumeDirectory is not null, unattended, pinTrace?.FullName, log, cancellationToken);
                }
                catch (Exception error) when (!(error is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    return InternalError.Report(error, Name, log.Path, Console.Error);
                }
            }
        }
    }

    /// <summary>The run proper, once the output folder is this process's alone.</summary>
    private static async Task<int> RunLockedAsync(
        CampaignDefinition campaign, HostRuleSet hostRules, PlotFont font, string output, string runKey,
        bool verbose, bool rawFrames, bool resume, bool unattended, string? pinTraceFile, RunLogFile log, CancellationToken cancellationToken)
    {
        var databasePath = Path.Combine(output, "results.db");
        ResultsStore store;
        try
        {
            store = ResultsStore.Open(databasePath, new ResultsStoreOptions { KeepRawFrames = rawFrames });
        }
        catch (SqliteException error)
        {
            return BadInput($"--out {output}: {databasePath} is not a results database ({error.Message}); move it away or choose another --out");
        }

        using (store)
        {
            // The live display when stdout is a terminal; its log lines scroll above it.
            var live = LiveRunDisplay.Available ? new LiveRunDisplay(Spectre.Console.AnsiConsole.Console, campaign.Experiments, TimeProvider.System) : null;
            using var loggers = ConsoleLogging.Create(verbose, log, live?.LoggerProvider);
            var logger = loggers.CreateLogger("Bench.Cli.Run");
            IRunDisplay display = live is not null ? live : new PlainRunDisplay(campaign.Experiments, TimeProvider.System, logger, Console.Out);
            var fingerprint = CampaignFingerprint.Of(campaign);

            long runId;
            ResumedTrials? resumed = null;
            if (resume)
            {
                var assessment = RunResumption.Assess(store.ReadRuns(), campaign, fingerprint);
                switch (assessment.Verdict)
                {
                    case RunResumptionVerdict.Refused:
                        return BadInput($"--resume {output}: {assessment.Message}");
                    case RunResumptionVerdict.AlreadyFinished:
                        Console.WriteLine($"{Name}: {assessment.Message}; its results are in {output}");
                        return ExitCodes.Success;
                }
                runId = assessment.Run!.Id;
                try
                {
                    resumed = ResumedTrials.Read(store, runId);
                }
                catch (FormatException error)
                {
                    return BadInput($"--resume {output}: {error.Message}; the run cannot be resumed");
                }
                await ReopenRunAsync(store, assessment, resumed, logger);
            }
            else
            {
                await TakeOverFolderAsync(store, Path.Combine(output, FlashFolder), logger);
                var overrides = campaign.Overrides.Select(applied => new { path = applied.Path, value = applied.Value });
                runId = store.CreateRun(
                    campaign.Name, JsonSerializer.Serialize(new
                    {
                        campaign = campaign.SourceFile, rawFrames, overrides, campaignFingerprint = fingerprint,
                        rig = campaign.Rig.Name, rigFile = campaign.RigFile,
                        terminalModels = campaign.Experiments.Select(experiment => experiment.Terminal.Model).Distinct().ToList(),
                        benchCommit = Bench.Reports.BenchCommit.Find(),
                    }), runKey);
            }
            using var rigMarker = AcquireRigMarker(campaign, runKey, output, store, runId, logger);
            // Only simulated terminals keep their flash under a key the bench derives; a real terminal keeps its own.
            string? keyProblem = null;
            var secureElementKey = campaign.Rig.GpioDriver == GpioDriverKind.Simulated
                ? RunSecureElementKeys.For(runKey, RunSecureElementKeys.DefaultStateFolder(), out keyProblem)
                : null;
            if (keyProblem is not null)
                logger.LogWarning("No secret for the terminals' secure element ({Problem}): this run cannot be resumed with its pending reversal", keyProblem);
            var outcome = "failed";
            try
            {
                logger.LogInformation("Campaign {Campaign}, run {RunKey}: {Count} experiment(s), output in {Output}",
                    campaign.Name, runKey, campaign.Experiments.Count, output);
                var result = await display.ShowWhileAsync(() => SimulatedCampaign.RunAsync(
                    campaign, hostRules, new ResultsRun(store, runId) { RunKey = runKey, Resumed = resumed }, output, loggers, cancellationToken,
                    new SimulatedStationOptions
                    {
                        SecureElementKey = secureElementKey, Operator = OperatorConsole.ForProcess(unattended), PinTraceFile = pinTraceFile,
                    }, display.Progress,
                    new RigStationOptions { Operator = OperatorConsole.ForProcess(unattended) }));
                outcome = "completed";

                display.WriteResults(result);
                Console.WriteLine($"run:      {runKey}");
                Console.WriteLine($"results:  {store.Path}");
                Console.WriteLine($"summary:  {result.SummaryFile}");
                if (result.CheckerFile is not null) Console.WriteLine($"checker:  {result.CheckerFile}");
                Console.WriteLine($"log:      {log.Path}");
                // A reproduction that expects no flip (thresholdFound: false) is judged by that expectation instead.
                var exitCode = await ExitCodeAsync(result.Experiments
                    .Where(run => !run.Experiment.Expectations.Any(expectation => expectation.ExpectsNoThreshold))
                    .Select(run => (run.Experiment.Name, run.Search)).ToList());
                exitCode = await CheckerExitCodeAsync(result.Checker, exitCode);
                return await ExpectationExitCodeAsync(result.Summary.Expectations, exitCode);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                outcome = "cancelled";
                await Console.Error.WriteLineAsync($"{Name}: cancelled; every finished trial is in results.db");
                return ExitCodes.Cancelled;
            }
            finally
            {
                store.EndRun(runId, outcome);
                RunCapture.Write(store, runId, Path.Combine(output, Bench.Results.Capture.CaptureExporter.FileName), rawFrames, Name);
                // Every other output comes from the store alone, as `bench report` rebuilds it.
                RunReport.Write(store, runId, output, font, Name);
            }
        }
    }

    /// <summary>The run in the folder named by --resume, for the lock's holder; null when the folder has no results.db.</summary>
    private static string? ResumedRunKey(string output)
    {
        var databasePath = Path.Combine(output, "results.db");
        if (!File.Exists(databasePath)) return null;
        try
        {
            using var store = ResultsStore.Open(databasePath);
            var last = store.ReadRuns().LastOrDefault();
            return last is null ? "(none)" : last.RunKey ?? last.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            // Not a results database: said once the folder is locked and the store opened for the run.
            return "(unreadable)";
        }
    }

    /// <summary>
    /// The resumed run is this run again: its end is cleared until it ends anew, and an event says so. Its
    /// simulated terminals' flash is kept, as a real terminal's would be, so a reversal it left pending is sent.
    /// </summary>
    private static async Task ReopenRunAsync(ResultsStore store, RunResumption assessment, ResumedTrials resumed, ILogger logger)
    {
        var run = assessment.Run!;
        foreach (var other in store.ReopenRun(run.Id))
        {
            await Console.Error.WriteLineAsync($"{Name}: run {other.RunKey ?? other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({other.Name}, started {other.StartedUtc}) never ended: marked interrupted");
        }
        store.RecordEvent(
            new EventRecord(MonotonicTime.NowNanoseconds(), "bench", "run-resumed", EventDetail.Json(
                ("previousOutcome", run.Outcome ?? "never ended"), ("storedTrials", resumed.Count), ("processId", Environment.ProcessId))),
            run.Id);
        logger.LogInformation("{Message}: {Count} finished trial(s) are replayed to the searches, not repeated", assessment.Message, resumed.Count);
    }

    /// <summary>
    /// What earlier runs left in the folder becomes theirs, not this run's: a run with no end (killed)
    /// is marked interrupted, and a pending reversal in the simulated terminals' flash is reported as
    /// left pending by the last earlier run, then the flash is erased so this run starts clean and
    /// never sends it.
    /// </summary>
    /// <summary>
    /// Marks the rig as this run's and tells the operator of an earlier run on it that never exited cleanly (its
    /// marker outlived its process): the rig stayed as that run left it until this run's safe state, which every
    /// trial begins with. Null when the state folder cannot be written (said in the log).
    /// </summary>
    private static RigExitMarker? AcquireRigMarker(CampaignDefinition campaign, string runKey, string output, ResultsStore store, long runId, ILogger logger)
    {
        RigExitMarker marker;
        try
        {
            marker = RigExitMarker.Acquire(RunSecureElementKeys.DefaultStateFolder(), campaign.Rig.Name, runKey, output);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Cannot mark rig {Rig} as in use ({Problem}): an unclean exit of this run will not be reported by the next", campaign.Rig.Name, error.Message);
            return null;
        }
        foreach (var left in marker.UncleanExits)
        {
            logger.LogWarning(
                "Rig {Rig}: the previous run on it (run {RunKey}, process {ProcessId}, started {StartedAt:u}, output {Output}) did not exit cleanly; "
                + "the rig was left as that run left it and is put in its safe state before the first trial",
                campaign.Rig.Name, left.RunKey, left.ProcessId, left.StartedAt, left.Output);
            store.RecordEvent(new EventRecord(MonotonicTime.NowNanoseconds(), "bench", "rig-unclean-exit", EventDetail.Json(
                ("rig", campaign.Rig.Name), ("runKey", left.RunKey), ("processId", left.ProcessId), ("output", left.Output))), runId);
        }
        return marker;
    }

    private static async Task TakeOverFolderAsync(ResultsStore store, string flashRoot, ILogger logger)
    {
        var interrupted = store.MarkUnendedRunsInterrupted();
        foreach (var run in interrupted)
        {
            await Console.Error.WriteLineAsync($"{Name}: run {run.RunKey ?? run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({run.Name}, started {run.StartedUtc}) never ended: marked interrupted");
        }

        var left = FlashFolders.PendingReversals(flashRoot);
        var owner = store.ReadRuns().LastOrDefault();
        foreach (var reversal in left)
        {
            var ownerText = owner is null ? "an earlier run" : $"run {owner.RunKey ?? owner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            await Console.Error.WriteLineAsync(
                $"{Name}: {reversal.Terminal}: {ownerText} left reversal STAN {reversal.Stan} (reason {reversal.Reason}, {reversal.AmountMinorUnits} minor units) pending; " +
                "it stays that run's and is not sent into this one");
            logger.LogWarning("{Terminal}: reversal STAN {Stan} left pending by {Owner}; flash erased", reversal.Terminal, reversal.Stan, ownerText);
            store.RecordEvent(
                new EventRecord(MonotonicTime.NowNanoseconds(), "bench", "reversal-left-pending", EventDetail.Json(
                    ("terminal", reversal.Terminal), ("stan", reversal.Stan), ("reason", reversal.Reason),
                    ("amountMinorUnits", reversal.AmountMinorUnits), ("createdAt", reversal.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)))),
                owner?.Id);
        }
        FlashFolders.Erase(flashRoot);
    }

    /// <summary>3 when an experiment aborted on invalid trials (the rig failed), else 1 when a threshold was not found, else 0.</summary>
    private static async Task<int> ExitCodeAsync(IReadOnlyList<(string Experiment, ThresholdSearchResult Search)> experiments)
    {
        var unmeasured = experiments.Where(run => run.Search.Status != ThresholdSearchStatus.Found).ToList();
        foreach (var (experiment, search) in unmeasured)
            await Console.Error.WriteLineAsync($"{Name}: {experiment}: no threshold ({search.Explanation})");
        if (unmeasured.Any(run => run.Search.AbortedByInvalidTrials)) return ExitCodes.RigFault;
        return unmeasured.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>Money lost, taken twice or given back twice fails the run (exit 1) unless the rig already failed it (3).</summary>
    private static async Task<int> CheckerExitCodeAsync(Bench.Campaigns.Checking.CheckerReport? checker, int exitCode)
    {
        if (checker is not { Failed: true }) return exitCode;
        foreach (var violation in checker.Violations.Where(violation => violation.Fatal))
            await Console.Error.WriteLineAsync($"{Name}: {violation.Class} {violation.LedgerKey} ({violation.Trial?.ToString() ?? "final settle"}): {violation.WhatHappened}");
        return exitCode == ExitCodes.Success ? ExitCodes.Failure : exitCode;
    }

    /// <summary>A failed expectation fails the run (exit 1) unless the rig already failed it (3); a marginal one does not.</summary>
    private static async Task<int> ExpectationExitCodeAsync(IReadOnlyList<ExpectationVerdict> expectations, int exitCode)
    {
        var failed = expectations.Where(expectation => expectation.Verdict == ExpectationOutcome.Fail).ToList();
        foreach (var expectation in failed)
            await Console.Error.WriteLineAsync($"{Name}: {expectation.Experiment}: expectation {expectation.Name} failed: {expectation.Detail}");
        return failed.Count > 0 && exitCode == ExitCodes.Success ? ExitCodes.Failure : exitCode;
    }

    private static int BadInput(string message)
    {
        Console.Error.WriteLine($"{Name}: {message}");
        return ExitCodes.BadInput;
    }
}
