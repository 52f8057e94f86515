using Bench.Campaigns.Fixtures;
using Bench.Hardware;

namespace Bench.Campaigns.Tests;

/// <summary>A terminal profile's <c>firmwareBugs:</c>: the nine field bugs by name, off unless set.</summary>
public sealed class FirmwareBugsProfileKeyTests
{
    [Test]
    public void A_profile_without_the_key_carries_no_bug()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("terminal.yaml", FixtureTexts.Terminal);

        Assert.That(TerminalProfileLoader.Load(file).FirmwareBugs, Is.EqualTo(FirmwareBugs.None));
    }

    [Test]
    public void Each_named_bug_sets_its_switch_and_the_rest_stay_off()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("terminal.yaml", FixtureTexts.Terminal + """

            firmwareBugs:
              macCheckIgnored: true
              readLoopTruncatesSplitReply: true
              reversalRetriedWithNewStan: false
            """);

        var bugs = TerminalProfileLoader.Load(file).FirmwareBugs;

        Assert.That(bugs, Is.EqualTo(new FirmwareBugs { MacCheckIgnored = true, ReadLoopTruncatesSplitReply = true }));
        Assert.That(bugs.EnabledNames, Is.EqualTo(new[] { "macCheckIgnored", "readLoopTruncatesSplitReply" }));
    }

    [Test]
    public void The_nine_names_are_those_of_the_issue_and_each_sets_only_itself()
    {
        Assert.That(FirmwareBugs.Switches.Select(bug => bug.Name), Is.EqualTo(new[]
        {
            "noReversalAfterTimeout", "pendingReversalDeletedAfterResendsFail", "reversalClearedBeforeResponseChecked",
            "reversalNotPersisted", "macCheckIgnored", "lateReplyAccepted", "readLoopTruncatesSplitReply",
            "reversalRetriedWithNewStan", "responseTimerIncludesConnect",
        }));
        foreach (var bug in FirmwareBugs.Switches)
        {
            var on = bug.Set(FirmwareBugs.None, true);
            Assert.That(on.EnabledNames, Is.EqualTo(new[] { bug.Name }), bug.Name);
            Assert.That(bug.Set(on, false), Is.EqualTo(FirmwareBugs.None), bug.Name);
        }
    }

    [Test]
    public void An_unknown_bug_name_is_reported_at_its_line_with_the_nearest_name()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("terminal.yaml", FixtureTexts.Terminal + "\nfirmwareBugs:\n  macChekIgnored: true\n");

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, 11, 3, "firmwareBugs.macChekIgnored",
            "unknown key (did you mean 'macCheckIgnored'?)");
    }

    [TestCase("  macCheckIgnored: yes", 11, "firmwareBugs.macCheckIgnored", "must be true or false (got 'yes')")]
    [TestCase("  macCheckIgnored: [true]", 11, "firmwareBugs.macCheckIgnored", "must be a single value (got a list)")]
    public void A_bug_that_is_not_true_or_false_is_reported_at_its_key(string line, int lineNumber, string keyPath, string problem)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("terminal.yaml", FixtureTexts.Terminal + "\nfirmwareBugs:\n" + line + "\n");

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, lineNumber, 3, keyPath, problem);
    }

    [Test]
    public void A_list_in_place_of_the_mapping_is_refused()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("terminal.yaml", FixtureTexts.Terminal + "\nfirmwareBugs: [macCheckIgnored]\n");

        FixtureErrorAssert.Throws(() => TerminalProfileLoader.Load(file), file, 10, 1, "firmwareBugs", "must be a mapping of keys (got a list)");
    }
}
