namespace Bench.SimulatedTerminal;

/// <summary>
/// The pending reversal as the firmware sees it: a RAM copy backed by flash. With the
/// <see cref="FirmwareBugs.ReversalNotPersisted"/> bug the flash is never written, so the record
/// dies with the power session. One store per power session.
/// </summary>
internal sealed class ReversalStore
{
    public const string FlashName = "reversal";
    private readonly SimulatedFlash flash;
    private readonly PowerSession session;
    private readonly bool persist;

    public ReversalStore(SimulatedFlash flash, PowerSession session, bool persist)
    {
        this.flash = flash;
        this.session = session;
        this.persist = persist;
        Current = flash.Read<ReversalRecord>(FlashName);
    }

    public ReversalRecord? Current { get; private set; }

    public void Save(ReversalRecord record)
    {
        if (!session.IsAlive) return;
        Current = record;
        if (persist) flash.Write(FlashName, record, session);
    }

    public void ChangeReason(string reason, string? authorizationCode = null)
    {
        if (Current is null) return;
        Save(Current with { Reason = reason, AuthorizationCode = authorizationCode ?? Current.AuthorizationCode });
    }

    public void Clear()
    {
        if (!session.IsAlive) return;
        Current = null;
        if (persist) flash.Delete(FlashName, session);
    }
}
