using Bench.Campaigns.Stations;
using Bench.Host;

namespace Bench.Campaigns.Injections;

/// <summary>
/// One failure-injection kind (DESIGN.md §7): set up before the sale with the trial's parameter
/// value, taken down after the trial. Rig, host and link faults all take this shape.
/// </summary>
public interface IInjection
{
    /// <summary>Arms the fault on the station; <paramref name="baseRules"/> are the campaign's host rules.</summary>
    void Arm(TestStation station, HostRuleSet baseRules, double parameter);

    /// <summary>Returns the station to the campaign's normal behaviour.</summary>
    void Disarm(TestStation station, HostRuleSet baseRules);
}
