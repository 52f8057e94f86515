using Bench.Hardware.Simulation.Link;

namespace Bench.Campaigns.Stations;

/// <summary>
/// The user-space link emulator between a simulated terminal's medium and the host (Toxiproxy's
/// vocabulary, DESIGN.md §7): faults go on in named layers, on both directions, and come off again.
/// </summary>
public interface ISimulatedLink
{
    /// <summary>Puts <paramref name="conditions"/> on both directions under <paramref name="layer"/>, replacing an earlier one of that name.</summary>
    void Apply(string layer, LinkConditions conditions);

    /// <summary>Takes the layer off both directions; nothing happens when it is not there.</summary>
    void Release(string layer);
}
