namespace Bench.SimulatedTerminal;

/// <summary>
/// The pending reversal as the firmware sees it: a RAM copy backed by flash. With the
/// <see cref="FirmwareBugs.ReversalNotPersisted"/> bug the flash is never written, so the record
/// dies with the power session. One store per power session. The original request holds the
/// card's PAN and track 2, so flash keeps it sealed (<see cref="SimulatedFlash.Seal"/>); RAM keeps it clear.
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
        Current = ReadFlash(flash);
    }

    /// <summary>
    /// The record in flash with its original request unsealed; null when there is none, or when it
    /// was sealed by another flash (another process): a secure element cannot read a foreign record,
    /// and a record that cannot be read cannot be sent.
    /// </summary>
    public static ReversalRecord? ReadFlash(SimulatedFlash flash)
    {
        if (flash.Read<ReversalRecord>(FlashName) is not { } stored) return null;
        if (!SimulatedFlash.IsSealed(stored.OriginalRequestHex)) return stored;
        return flash.Unseal(stored.OriginalRequestHex) is { } original ? stored with { OriginalRequestHex = Convert.ToHexString(original) } : null;
    }

    public ReversalRecord? Current { get; private set; }

    public void Save(ReversalRecord record)
    {
        if (!session.IsAlive) return;
        Current = record;
        if (persist) flash.Write(FlashName, record with { OriginalRequestHex = flash.Seal(Convert.FromHexString(record.OriginalRequestHex)) }, session);
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
