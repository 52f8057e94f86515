namespace Bench.Campaigns.Checking;

/// <summary>What a campaign runner calls once every experiment has run: settle the terminals and check the run's money.</summary>
public interface IRunChecker
{
    Task<CheckerReport> CheckAsync(CancellationToken cancellationToken);
}
