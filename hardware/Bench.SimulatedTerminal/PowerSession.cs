using System.Threading.Channels;

namespace Bench.SimulatedTerminal;

/// <summary>
/// Everything that lives from one power-on to the next power cut: the cancellation that kills
/// the firmware, its input queues and its open host connection. A cut marks the session dead
/// (under the flash lock, see <see cref="SimulatedFlash.PowerDown"/>) so late code from it can
/// no longer write flash, the ECR port or the console.
/// </summary>
/// <remarks>
/// The cancellation source is never disposed: late code of a dead session (the ECR reader answering
/// a command, a timer that fires as the firmware unwinds) may still read its token, and a source
/// without a timer or wait handle holds nothing that needs freeing.
/// </remarks>
internal sealed class PowerSession(int number)
{
    private readonly CancellationTokenSource power = new();
    private volatile bool alive = true;
    private volatile bool faulted;
    private int saleInProgress;

    public int Number { get; } = number;
    public CancellationToken Token => power.Token;
    public bool IsAlive => alive;

    /// <summary>Sales accepted from the ECR port, one at a time.</summary>
    public Channel<long> Sales { get; } = Channel.CreateUnbounded<long>();

    /// <summary>Swipes from the card reader while the terminal prompts for a card.</summary>
    public Channel<CardSwipe> Swipes { get; } = Channel.CreateUnbounded<CardSwipe>();

    public HostConnection? Connection { get; set; }

    // The firmware's RAM: whatever lives only until the next power cut.
    public TerminalCounters Counters { get; set; } = new(0, "000001");
    public ReversalStore? Reversals { get; set; }
    public bool SignedOn { get; set; }

    /// <summary>
    /// The working MAC key of the last sign-on that delivered keys (a terminal with a master key); null before it.
    /// Kept in RAM only: a power cycle signs on again and gets fresh keys, so no key is ever written to the flash.
    /// </summary>
    public byte[]? WorkingMacKey { get; set; }
    public bool ReSignOnRequested { get; set; }
    /// <summary>Set once boot and the first sign-on attempt are over: sales are accepted from then on.</summary>
    public bool Booted { get; set; }
    public StateMachine<TransactionState>? Transaction { get; set; }

    /// <summary>
    /// The firmware stopped on an internal error: it takes no more sales until the power is cycled.
    /// Set before <see cref="Sales"/> is completed, so whoever fails to queue a sale sees it.
    /// </summary>
    public bool Faulted
    {
        get => faulted;
        set => faulted = value;
    }

    /// <summary>Claims the terminal for a sale; false when one is already running.</summary>
    public bool TryBeginSale() => Interlocked.CompareExchange(ref saleInProgress, 1, 0) == 0;

    /// <summary>Frees the terminal for the next sale. Call exactly once per successful <see cref="TryBeginSale"/>.</summary>
    public void EndSale() => Volatile.Write(ref saleInProgress, 0);

    /// <summary>Only <see cref="SimulatedFlash.PowerDown"/> calls this, inside the flash lock.</summary>
    public void MarkDead() => alive = false;

    public void Cut()
    {
        power.Cancel();
        Connection?.Dispose();
        Sales.Writer.TryComplete();
        Swipes.Writer.TryComplete();
    }
}
