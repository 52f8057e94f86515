namespace Bench.Cli;

/// <summary>Process exit codes, so nightly jobs can tell a bad file from a failed run.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    public const int Cancelled = 130;
}
