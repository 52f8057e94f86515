using System.CommandLine;
using Bench.Campaigns.Experiments;
using Bench.Campaigns.Fixtures;
using Bench.Campaigns.Running;
using Bench.Campaigns.Search;
using Bench.Hardware;
using Bench.Host;
using Bench.Plots;
using Bench.Results;
using Microsoft.Extensions.Logging;

namespace Bench.Cli.Commands;

/// <summary><c>bench run CAMPAIGN [--out DIR]</c>: runs a campaign and writes results.db, summary.json and plots.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var campaignArgument = new Argument<FileInfo>("campaign") { Description = "Campaign file (fixtures/campaigns/*.yaml)" };
        var outOption = new Option<DirectoryInfo>("--out")
        {
            Description = "Output directory for results.db, summary.json and plots (default: out/CAMPAIGN-NAME)",
        };
        var verboseOption = new Option<bool>("--verbose") { Description = "Log every frame, ECR line and rig action" };
        var command = new Command("run", "Run a campaign on the rig its file names (the simulated rig by default)")
        {
            campaignArgument, outOption, verboseOption,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(campaignArgument)!,
            parseResult.GetValue(outOption),
            parseResult.GetValue(verboseOption),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo campaignFile, DirectoryInfo? outDirectory, bool verbose, CancellationToken cancellationToken)
    {
        CampaignDefinition campaign;
        HostRuleSet hostRules;
        ThresholdPlotter plotter;
        try
        {
            campaign = CampaignLoader.Load(campaignFile.FullName);
            hostRules = campaign.HostRulesFile is { } rulesFile ? HostRuleSetLoader.LoadFile(rulesFile) : HostRuleSet.ApproveAll;
            // Find a font before the first trial: a run must not end in textless plots.
            plotter = new ThresholdPlotter(FontLocator.ForThisMachine().Locate());
        }
        catch (Exception error) when (error is CampaignFileException or HostRuleSetException or FontNotFoundException)
        {
            await Console.Error.WriteLineAsync($"bench run: {error.Message}");
            return ExitCodes.BadInput;
        }
        if (campaign.Rig.GpioDriver != GpioDriverKind.Simulated)
        {
            await Console.Error.WriteLineAsync(
                $"bench run: {campaign.RigFile}: gpioDriver {campaign.Rig.GpioDriver}: this bench drives the simulated rig only so far");
            return ExitCodes.BadInput;
        }

        var output = outDirectory?.FullName ?? Path.Combine(Environment.CurrentDirectory, "out", campaign.Name);
        Directory.CreateDirectory(output);
        using var loggers = ConsoleLogging.Create(verbose);
        var logger = loggers.CreateLogger("Bench.Cli.Run");

        using var store = ResultsStore.Open(Path.Combine(output, "results.db"));
        var runId = store.CreateRun(campaign.Name, System.Text.Json.JsonSerializer.Serialize(new { campaign = campaign.SourceFile }));
        var outcome = "failed";
        try
        {
            logger.LogInformation("Campaign {Campaign}: {Count} experiment(s), output in {Output}", campaign.Name, campaign.Experiments.Count, output);
            var result = await SimulatedCampaign.RunAsync(
                campaign, hostRules, plotter, new ResultsRun(store, runId), output, loggers, cancellationToken);
            outcome = "completed";

            Console.WriteLine();
            Console.WriteLine(result.ConsoleTable);
            Console.WriteLine($"results:  {store.Path}");
            Console.WriteLine($"summary:  {result.SummaryFile}");
            foreach (var run in result.Experiments)
                Console.WriteLine($"plots:    {run.Plots.OutcomePng}, {run.Plots.TimeToResultPng} (and .svg)");
            if (result.OverviewPlots is { } overview)
                Console.WriteLine($"thresholds: {overview.Png} (and .svg)");
            // A nightly job fails when an experiment could not measure its threshold.
            var unmeasured = result.Experiments.Where(run => run.Search.Status != ThresholdSearchStatus.Found).ToList();
            foreach (var run in unmeasured)
                await Console.Error.WriteLineAsync($"bench run: {run.Experiment.Name}: no threshold ({run.Search.Explanation})");
            return unmeasured.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            await Console.Error.WriteLineAsync("bench run: cancelled; every finished trial is in results.db");
            return ExitCodes.Cancelled;
        }
        finally
        {
            store.EndRun(runId, outcome);
        }
    }
}
