namespace Bench.Hardware.Ecr;

/// <summary>
/// The seam between the bench and one terminal's ECR port, whatever dialect the terminal speaks: the bench's
/// own line protocol (<see cref="EcrClient"/>, the default) or a dialect a terminal profile declares
/// (<see cref="ScriptedEcrSession"/>). Every received line is kept as an <see cref="EcrLine"/> with the
/// Stopwatch timestamp taken in the reading loop and a kind the dialect recognised, so the trial code waits
/// for a card prompt or a result the same way on either.
/// </summary>
public interface IEcrSession : IAsyncDisposable
{
    /// <summary>Which dialect this is (<c>bench</c>, or <c>scripted/line</c>, <c>scripted/stxEtxLrc</c>), for logs and errors.</summary>
    string Dialect { get; }

    /// <summary>
    /// True when the dialect can report the terminal's state (a pending reversal); only then can the bench flush a
    /// reversal before a trial or read one at the end of a run.
    /// </summary>
    bool SupportsStatus { get; }

    /// <summary>Raised in the reading loop for every line. Keep handlers short.</summary>
    event Action<EcrLine>? LineReceived;

    /// <summary>A snapshot of every line received so far.</summary>
    IReadOnlyList<EcrLine> Lines { get; }

    /// <summary>How many lines have arrived; a mark for <see cref="WaitForAsync(Func{EcrLine, bool}, int, CancellationToken)"/>.</summary>
    int LineCount { get; }

    /// <summary>True once the port has ended or failed.</summary>
    bool IsClosed { get; }

    /// <summary>The first line at <paramref name="fromIndex"/> or later (already received ones included) satisfying <paramref name="predicate"/>.</summary>
    Task<EcrLine> WaitForAsync(Func<EcrLine, bool> predicate, int fromIndex, CancellationToken cancellationToken);

    /// <summary>The first line from now on satisfying <paramref name="predicate"/>.</summary>
    Task<EcrLine> WaitForAsync(Func<EcrLine, bool> predicate, CancellationToken cancellationToken) =>
        WaitForAsync(predicate, LineCount, cancellationToken);

    /// <summary>The first line of <paramref name="kind"/> from now on.</summary>
    Task<EcrLine> WaitForAsync(EcrLineKind kind, CancellationToken cancellationToken) =>
        WaitForAsync(line => line.Kind == kind, LineCount, cancellationToken);

    /// <summary>Starts a sale of <paramref name="amountMinorUnits"/> and waits for its result. One sale at a time per port.</summary>
    Task<EcrSaleResult> SaleAsync(long amountMinorUnits, CancellationToken cancellationToken);

    /// <summary>The terminal's status line; throws <see cref="EcrProtocolException"/> when <see cref="SupportsStatus"/> is false.</summary>
    Task<EcrLine> StatusAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits until the terminal, powered on again, takes sales: a line of kind <see cref="EcrLineKind.Ready"/> at
    /// <paramref name="fromIndex"/> or later, or (a dialect that prints none) its declared boot time.
    /// </summary>
    Task WaitUntilReadyAsync(int fromIndex, CancellationToken cancellationToken);
}
