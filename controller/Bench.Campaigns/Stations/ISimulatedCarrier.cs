namespace Bench.Campaigns.Stations;

/// <summary>
/// The simulated mobile carrier behind a cellular terminal: what a real rig gets from a SIM with a
/// tiny data plan and the radio's own randomness, the simulation sets per trial.
/// </summary>
public interface ISimulatedCarrier
{
    /// <summary>Bytes (both directions) the carrier still passes from now on; null for no limit.</summary>
    void SetDataQuota(long? bytes);

    /// <summary>Seeds the radio's random loss, so a trial can be repeated exactly.</summary>
    void Reseed(int seed);
}
