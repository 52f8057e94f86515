using Bench.Campaigns.Fixtures;

namespace Bench.Campaigns.Tests;

/// <summary>A profile's <c>masterKeyFile</c> and the key file itself: loaded, checked, and never echoed in an error.</summary>
public sealed class TerminalMasterKeyLoaderTests
{
    // The textbook double-length test key and its published check value.
    private const string Key = "0123456789ABCDEFFEDCBA9876543210";

    private static string KeyFile(string key = Key, string checkValue = "08D7B4") => $"""
        # TEST KEYS
        key: {key}
        checkValue: {checkValue}
        """;

    private static string ProfileWithKey(string reference = "../keys/test.yaml") =>
        FixtureTexts.Terminal + "\nmasterKeyFile: " + reference + "\n";

    [Test]
    public void A_profile_loads_the_master_key_its_key_file_holds_and_without_one_has_none()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("keys/test.yaml", KeyFile(Key.ToLowerInvariant(), "08d7b4"));
        var withKey = TerminalProfileLoader.Load(directory.Write("terminals/keyed.yaml", ProfileWithKey()));
        var withoutKey = TerminalProfileLoader.Load(directory.Write("terminals/plain.yaml", FixtureTexts.Terminal));

        Assert.Multiple(() =>
        {
            Assert.That(withKey.MasterKey, Is.EqualTo(new Codec.TerminalMasterKey(Convert.FromHexString(Key))));
            Assert.That(withKey.MasterKey!.CheckValue, Is.EqualTo("08D7B4"));
            Assert.That(withKey.ToString(), Does.Contain("check value 08D7B4").And.Not.Contain("0123456789"));
            Assert.That(withKey, Is.EqualTo(TerminalProfileLoader.Load(Path.Combine(directory.Path, "terminals/keyed.yaml"))), "profiles compare by value, key included");
            Assert.That(withoutKey.MasterKey, Is.Null);
        });
    }

    [Test]
    public void Every_shipped_terminal_profile_has_its_own_test_master_key()
    {
        var profiles = Directory.GetFiles(RepositoryFiles.Fixture("terminals"), "*.yaml").Select(TerminalProfileLoader.Load).ToList();

        Assert.That(profiles, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(profiles.Select(profile => profile.MasterKey), Has.None.Null);
            Assert.That(profiles.Select(profile => profile.MasterKey).Distinct().Count(), Is.EqualTo(profiles.Count));
            foreach (var keyFile in Directory.GetFiles(RepositoryFiles.Fixture("keys"), "*.yaml"))
                Assert.That(File.ReadAllText(keyFile), Does.Contain("TEST KEYS"), keyFile);
        });
    }

    // Line numbers are those of KeyFile: the comment is line 1.
    [TestCase("key:", "key: 0123456789ABCDEFFEDCBA987654321", 2, "key", "must be 32 hex digits, a double-length 3DES key (got 31 characters)")]
    [TestCase("key:", "key: 0123456789ABCDEFFEDCBA98765432G0", 2, "key", "must be hex digits only")]
    [TestCase("key:", "key: 0123456789ABCDEF0123456789ABCDEF", 2, "key", "two halves are equal")]
    [TestCase("key:", "", 2, "key", "required key is missing")]
    [TestCase("checkValue:", "checkValue: 08D7B5", 3, "checkValue", "does not match the key (its check value is 08D7B4)")]
    [TestCase("checkValue:", "checkValue: 08D7", 3, "checkValue", "must be 6 hex digits (got '08D7')")]
    [TestCase("checkValue:", "kcv: 08D7B4", 3, "kcv", "unknown key")]
    public void Key_file_mistakes_are_reported_at_their_key_and_where_the_profile_references_it(
        string linePrefix, string replacement, int line, string keyPath, string problem)
    {
        using var directory = new TemporaryDirectory();
        var keyFile = directory.Write("keys/test.yaml", FixtureTexts.ReplaceLine(KeyFile(), linePrefix, replacement));
        var profile = directory.Write("terminals/keyed.yaml", ProfileWithKey());

        var error = FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(profile), keyFile, line, 1, keyPath, problem);

        Assert.Multiple(() =>
        {
            Assert.That(error.Problem, Does.Contain($"(referenced at {profile}:10:1: masterKeyFile)"));
            Assert.That(error.Message, Does.Not.Contain("0123456789ABCDEF").And.Not.Contain("FEDCBA98765432"), "an error never shows key digits");
        });
    }

    [Test]
    public void A_missing_key_file_is_reported_at_the_profile_key()
    {
        using var directory = new TemporaryDirectory();
        var profile = directory.Write("terminals/keyed.yaml", ProfileWithKey("../keys/absent.yaml"));

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(profile), profile, 10, 1, "masterKeyFile", "referenced file '../keys/absent.yaml' does not exist");
    }
}
