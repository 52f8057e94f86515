using Bench.Hardware.Simulation;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bench.Hardware.Tests;

/// <summary>The example rig definitions in fixtures/rigs use the record's property names as keys.</summary>
[TestFixture]
public sealed class RigFixtureTests
{
    public static RigDefinition Load(string path)
    {
        IDeserializer deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        return deserializer.Deserialize<RigDefinition>(File.ReadAllText(path));
    }

    [Test]
    public void The_simulated_fixture_is_the_simulated_rigs_default()
    {
        RigDefinition loaded = Load(FixturePath("simulated.yaml"));

        Assert.That(loaded, Is.EqualTo(SimulatedRig.DefaultDefinition));
    }

    [Test]
    public void The_pi5_fixture_names_the_libgpiod_v2_driver_and_active_low_relays()
    {
        RigDefinition loaded = Load(FixturePath("pi5-rig.yaml"));

        Assert.That(loaded.GpioDriver, Is.EqualTo(GpioDriverKind.LibGpiodV2));
        Assert.That(loaded.PhoneLine, Is.EqualTo(new RelayDefinition
        {
            Pin = 17, ActiveHigh = false, Contact = RelayContact.NormallyClosed, SensePin = 27, SenseActiveHigh = false,
            SettleTime = TimeSpan.FromMilliseconds(50),
        }));
        Assert.That(loaded.Swipe!.Dwell, Is.EqualTo(TimeSpan.FromMilliseconds(150)));
        Assert.That(loaded.Attenuator!.MaximumDecibels, Is.EqualTo(31.5));
    }

    [Test]
    public void Every_fixture_drives_a_simulated_rig_through_its_self_test()
    {
        foreach (string path in Directory.GetFiles(FixtureDirectory(), "*.yaml"))
        {
            RigDefinition definition = Load(path);
            // A fast real clock: the self-test waits out each relay's settle time.
            using var simulated = new SimulatedRig(definition, new ScaledTimeProvider(1000));
            Task<SelfTestReport> selfTest = simulated.Rig.SelfTestAsync();

            Assert.That(selfTest.Wait(TestRigs.Bound), Is.True, path);
            Assert.That(selfTest.Result.VerifiedRelays, Has.Count.EqualTo(3), path);
        }
    }

    private static string FixturePath(string name) => Path.Combine(FixtureDirectory(), name);

    // The tests run from their build output; the fixtures live at the repository root.
    private static string FixtureDirectory()
    {
        for (DirectoryInfo? directory = new(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "fixtures", "rigs");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("fixtures/rigs not found above the test directory");
    }
}
