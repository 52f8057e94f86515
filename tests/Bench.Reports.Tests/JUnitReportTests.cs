using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Bench.Reports.Tests;

public sealed class JUnitReportTests
{
    /// <summary>The Jenkins/Ant JUnit schema (junit-10.xsd) CI servers read, beside the tests.</summary>
    private static string SchemaPath => Path.Combine(TestContext.CurrentContext.TestDirectory, "Schemas", "junit-10.xsd");

    [Test]
    public async Task With_expectations_each_is_one_test_case_and_the_file_is_valid_junit()
    {
        using var report = await ReportFixture.CreateAsync();

        var junit = Validate(report.Files.JUnit);
        var cases = junit.Descendants("testcase").ToList();
        var suite = junit.Root!.Element("testsuite")!;

        Assert.Multiple(() =>
        {
            Assert.That(cases, Has.Count.EqualTo(3));
            Assert.That(cases.Select(testCase => (string?)testCase.Attribute("classname")), Is.EqualTo(new[] { "pax-delay", "pax-delay", "line-cut" }));
            Assert.That((string?)suite.Attribute("tests"), Is.EqualTo("3"));
            Assert.That((string?)suite.Attribute("failures"), Is.EqualTo("1"));
            Assert.That((string?)suite.Attribute("errors"), Is.EqualTo("0"));
            Assert.That((string?)suite.Attribute("timestamp"), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$"));
            var failure = cases[1].Element("failure")!;
            Assert.That((string?)failure.Attribute("message"), Is.EqualTo("reversals: measured 0, limits ≥ 1"));
            Assert.That((string?)failure.Attribute("type"), Is.EqualTo("expectation"));
            Assert.That(failure.Value, Does.Contain("(trial 2)"));
            Assert.That(cases[0].Element("failure"), Is.Null);
            Assert.That(cases[2].Element("failure"), Is.Null, "marginal passes");
            Assert.That(cases[2].Element("system-out")!.Value, Does.StartWith("marginal: time to result: measured 31.5 s, limits ≤ 32 s"));
            // The failed expectation's trial took 4 s.
            Assert.That((string?)cases[1].Attribute("time"), Is.EqualTo("4.000"));
        });
    }

    [Test]
    public async Task Without_expectations_each_experiment_and_the_checker_is_a_test_case()
    {
        using var report = await ReportFixture.CreateAsync(withExpectations: false);

        var junit = Validate(report.Files.JUnit);
        var cases = junit.Descendants("testcase").ToDictionary(testCase => (string)testCase.Attribute("classname")!);

        Assert.Multiple(() =>
        {
            Assert.That(cases.Keys, Is.EquivalentTo(new[] { "pax-delay", "line-cut", "checker" }));
            Assert.That(cases["pax-delay"].Elements().Select(element => element.Name.LocalName), Is.EqualTo(new[] { "system-out" }));
            Assert.That((string?)cases["line-cut"].Element("error")?.Attribute("type"), Is.EqualTo("aborted"), "an aborted search is an error, not a failure");
            Assert.That((string?)cases["checker"].Element("failure")?.Attribute("message"), Does.Contain("orphanDebit 1"));
            Assert.That((string?)junit.Root!.Element("testsuite")!.Attribute("failures"), Is.EqualTo("1"));
            Assert.That((string?)junit.Root!.Element("testsuite")!.Attribute("errors"), Is.EqualTo("1"));
        });
    }

    [Test]
    public async Task A_run_without_a_checker_skips_the_money_test_case()
    {
        using var report = await ReportFixture.CreateAsync(withExpectations: false, withChecker: false);

        var junit = Validate(report.Files.JUnit);

        var checker = junit.Descendants("testcase").Single(testCase => (string?)testCase.Attribute("classname") == "checker");
        Assert.That(checker.Element("skipped"), Is.Not.Null);
        Assert.That((string?)junit.Root!.Element("testsuite")!.Attribute("skipped"), Is.EqualTo("1"));
    }

    [Test]
    public void The_schema_rejects_what_it_should_so_validation_means_something()
    {
        using var folder = new TemporaryDirectory();
        var invalid = folder.Write("bad.xml", """<testsuites><testsuite name="x" tests="1"><testcase classname="c"/></testsuite></testsuites>""");

        Assert.Throws<XmlSchemaValidationException>(() => Validate(invalid));
    }

    private static XDocument Validate(string path)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, SchemaPath);
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, args) => throw new XmlSchemaValidationException($"{path}: {args.Message}", args.Exception);
        using var reader = XmlReader.Create(path, settings);
        return XDocument.Load(reader);
    }
}
