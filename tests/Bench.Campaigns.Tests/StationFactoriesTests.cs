using Bench.Campaigns.Search;
using Bench.Campaigns.Stations;
using Bench.Campaigns.Summary;
using Bench.Hardware;
using Bench.Hardware.Simulation;
using Bench.Host;

namespace Bench.Campaigns.Tests;

/// <summary>The rig file decides the stations; a real rig runs at time scale 1 in every summary.</summary>
public sealed class StationFactoriesTests
{
    private static readonly RigDefinition RealRig = SimulatedRig.DefaultDefinition with
    {
        Name = "pi",
        GpioDriver = GpioDriverKind.LibGpiodV2,
        Ecr = new SerialPortDefinition { Device = "/dev/bench-ecr-not-plugged-in" },
    };

    [Test]
    public async Task A_simulated_rig_file_gets_simulated_stations_and_any_other_the_real_rigs_station()
    {
        using var folder = new TemporaryDirectory();
        var simulated = SampleData.Campaign(SampleData.Experiment());
        var real = simulated with { Rig = RealRig };

        await using var simulatedStations = StationFactories.For(simulated, HostRuleSet.ApproveAll, folder.Path, recorder: null);
        await using var realStations = StationFactories.For(real, HostRuleSet.ApproveAll, folder.Path, recorder: null);

        Assert.Multiple(() =>
        {
            Assert.That(simulatedStations, Is.InstanceOf<SimulatedStationFactory>());
            Assert.That(realStations, Is.InstanceOf<RigStationFactory>());
            Assert.That(realStations.OpenedStations, Is.Empty);
        });
    }

    [Test]
    public async Task A_missing_ecr_device_is_a_rig_fault_naming_the_device()
    {
        var driver = new SimulatedGpioDriver(28, TimeProvider.System);
        using var harness = new WiringHarness(driver, RealRig);
        var options = new RigStationOptions { Devices = new RigStationDevices { GpioDriver = () => driver } };
        await using var stations = new RigStationFactory(RealRig, SampleData.Campaign().Card, HostRuleSet.ApproveAll, recorder: null, options);

        var fault = Assert.ThrowsAsync<RigFaultException>(() => stations.OpenAsync(SampleData.Terminal(), CancellationToken.None))!;

        Assert.That(fault.Message, Does.Contain("serial device /dev/bench-ecr-not-plugged-in could not be opened"));
    }

    [Test]
    public void A_real_rigs_summary_says_time_scale_1_whatever_the_profiles_simulation_time_scale()
    {
        var experiment = SampleData.Experiment();
        var result = new ThresholdSearchResult(ThresholdSearchStatus.Found, 59.875, 59.75, 60, 0.25, 9, 0, [], "flips");

        Assert.Multiple(() =>
        {
            Assert.That(experiment.Terminal.SimulationTimeScale, Is.EqualTo(20));
            Assert.That(ExperimentSummaryFactory.Create(experiment, result, rig: RealRig).TimeScale, Is.EqualTo(1));
            Assert.That(ExperimentSummaryFactory.Create(experiment, result, rig: SimulatedRig.DefaultDefinition).TimeScale, Is.EqualTo(20));
        });
    }
}
