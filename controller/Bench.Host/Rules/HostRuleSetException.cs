using Bench.Fixtures;

namespace Bench.Host;

/// <summary>
/// A host rule file that cannot be used. A fixture error like any other
/// (<c>file:line:column: key.path: problem</c>), so a campaign that references the file reports it the same way.
/// </summary>
public sealed class HostRuleSetException(CampaignFileException error)
    : CampaignFileException(error.File, error.Line, error.Column, error.KeyPath, error.Problem, error.InnerException);
